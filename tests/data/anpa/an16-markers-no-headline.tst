f0021-----
u a BC-Quake-Chile Urgent 08-03 0040
^BC-Quake-Chile, Urgent,40<
^URGENT<
^BULLETIN BULLETIN<
	   SANTIAGO, Chile (AP) _ A strong earthquake shook central Chile on Thursday, the national seismology center said.
	   AP-WF-08-03-23 1522GMT<

