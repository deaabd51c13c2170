a0000
r a harbour-5 03-17
^School rowing crew wins the estuary race<
^By Tomás Ortega=
^Harbour Weekly=
	   SEAHAM (Harbour Weekly) _ A crew of sixth-formers won the estuary race by two lengths on Sunday.
 
	   It is the school's first win in eleven years.
 
	   17:20GMT 17-03-24<


