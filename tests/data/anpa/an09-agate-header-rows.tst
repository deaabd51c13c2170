s0902sptbl
r s BC-BBN--Scores 06-02 0150
^BC-BBN--Scores<
^By The Associated Press=
^AMERICAN LEAGUE=
^;W;L;Pct;GB 
New York;34;20;.630;_ 
Tampa Bay;30;24;.556;4 
^Wild Card;W;L;Pct;GB 
Seattle;29;25;.537;_ 
	   Houston;28;26;.519;1<
 
^Tuesday's Games=
	   Boston 4, Toronto 3
	   Seattle 6, Texas 2<
 
	      x - clinched division
	      y - clinched wild card<
^END<
	   AP-WF-06-02-21 0412GMT<


