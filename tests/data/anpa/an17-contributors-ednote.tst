w0088-----
r a BC-US--Oregon-Fires 08-20 0090
^BC-US--Oregon Fires,90<
^Wildfires force evacuations near Salem<
^(Eds: Updates with evacuation figures.)<
^By ANDREW SELSKY=
^Associated Press=
	   SALEM, Ore. (AP) _ Wildfires forced thousands of residents to leave their homes on Sunday.
	   Officials said 4,000 people had been evacuated.
	   ___
	   Estrada reported from Salem, Oregon.
	   Associated Press writer Gene Johnson contributed to this report.
	   (END)
	   ENDIT
	   AP-WF-08-20-23 2210GMT<

