a0070bagm-
r a BCN70-Datebook 04-21 0080   
BCN70:DATEBOOK FOR SATURDAY, APRIL 22
+++++++++++++++++++++++++  +++++++++++++++++++++++++
	   BAY CITY NEWS SERVICE DATEBOOK FOR SATURDAY, APRIL 22
+++++++++++++++++++++++++  +++++++++++++++++++++++++
	   10 a.m. -- Volunteers clean up Ocean Beach in San Francisco.
	   2 p.m. -- The Oakland library opens its new branch.
M.Lee530p4/21/95

