W2870asian
r a BC-X 11-13 0100
^Head<
	   Text.
AP-WF-13-45-13 1509GMT<