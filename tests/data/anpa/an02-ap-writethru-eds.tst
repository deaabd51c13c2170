w0042glbsm
u i BC-EU--Glacier-Museum 2ndLd-Writethru   07-14 0450
^BC-EU--Glacier Museum, 2nd Ld-Writethru,450<
^Glacier museum opens in the Alps<
^Eds: Updates with opening hours.<
^EDITOR'S NOTE _ Part of a series on vanishing ice.<
^A museum of melting ice opens its doors.<
^By ANNA BERG and TOM REYES=
^AP Science Writers=
	   GENEVA (AP) _ A museum dedicated to the glaciers of the Alps opened on Saturday.
 
	   It is open daily from 9 a.m.
 
	   ___
 
	   Reyes reported from Zurich.
	   AP-WF-07-14-21 0930GMT<


