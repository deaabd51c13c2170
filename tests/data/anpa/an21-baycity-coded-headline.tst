a0061bagm-
r a BCN61-Bridge 05-02 0120   
BCN61:CORRECTION:BRIDGE LANE CLOSURES PLANNED FOR WEEKEND
BCN61 -CORRECTS DATE IN 2ND PGH
	   Caltrans will close two lanes of the San Mateo Bridge
this weekend for repaving, the agency said Tuesday.
	   The closures run from 10 p.m. Friday to 5 a.m. Monday.
J.Rivera4p5/2/95

