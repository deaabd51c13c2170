f0007-----
b a BC-US--APNewsAlert Bulletin   03-02 0041
	   WASHINGTON (AP) _ The Senate has passed the budget bill, 51-49.
	   AP-WF-03-02-22 1802GMT<


