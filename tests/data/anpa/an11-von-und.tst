a1211asian
r a BC-US--Ferry-Vote 11-05 0312
^BC-US--Ferry Vote,312<
^Island town votes to keep its ferry<
^Von Marco Krefting und Sunrita Sen=
^Associated Press=
	   CAPE LISLE, Maine (AP) _ Voters approved a levy on Tuesday that keeps the ferry running. 
 
	   ``We would have been cut off,'' said captain Ines Walsh. 
 
	   AP-WF-11-05-19 2315GMT<


