a5555asian
d e BC-EU--Cafe-Rents 09-30 0200
^BC-EU--Cafe Rents,200<
^Café owners protest rent rises<
^AP Photo PAR101<
^Owners say rents doubled.<
^By MARC DUBOIS=
^AP Business Writer=
	   LYON, France (AP) _ Dozens of café owners protested on Monday.
 
	   They marched to the town hall.

	   AP-WF-09-30-19 1244GMT<

