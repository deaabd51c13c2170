B0731cpstf
r f Loonie-Markets  TB04 13-11 0312
^HL:Loonie rises as oil climbs@<
^Update:ADDS analyst comment@<
^By Jane Doe@<
^THE CANADIAN PRESS@<
	   TORONTO _ The Canadian dollar rose more than half a cent on Wednesday
as oil prices climbed for a third day.
	   ``It is all about crude,'' said analyst Sam Lee
of a Toronto brokerage.

14:35ET 13-11-13<
