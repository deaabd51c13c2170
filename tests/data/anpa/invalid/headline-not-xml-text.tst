W2870asian
r a BC-X 11-13 0100
^Head ￾<
	   Text.
