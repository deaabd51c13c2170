f0011-----
b a BC-US--Budget-Vote Bulletin 03-02 0052
^BC-US--Budget Vote, Bulletin,52<
^BULLETIN<
^By LISA MASCARO=
^Associated Press=
	   WASHINGTON (AP) _ The Senate passed the budget bill on Wednesday, sending it to the president.
 
	   AP-WF-03-02-22 1804GMT<


