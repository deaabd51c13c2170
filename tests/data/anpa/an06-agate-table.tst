s0901-----
r s BC-BBO--Standings 05-17 0200
^BC-BBO--Standings<
^League Standings=
^All Times EDT=
^By The Associated Press=
;W;L;Pct 
New York;21;16;.568 
Tampa Bay;17;19;.472 
	   ___=
^Monday's Games=
	   Boston 10, Houston 9<

	   AP-WF-05-17-16 0620GMT<

