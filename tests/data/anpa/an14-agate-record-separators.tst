s0533-----
r s BC-BBA--AL-Standings 06-11 
^BC-BBA--AL Standings,0<
^American League=
^By The Associated Press=
^EastWLPctGB 
New York4420.688_ 
TampaBay3827.5856{ 
	Boston3530.5389{
 
	   AP-WF-06-11-21 0515GMT<

