s0611-----
r s BC-ATH--Results 07-22 0050
^BC-ATH--Results,50<
^Men's 100 meters=
^By The Associated Press=
	     1.  Noah Lyles, United States     9.79
	     2.  Kishane Thompson, Jamaica     9.79
	     3.  Fred Kerley, United States    9.81
 
	   AP-WF-07-22-24 2000GMT<

