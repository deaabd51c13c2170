
+++a0317-----
r a BC-US--Ferry-Strike 04-02 0041
^BC-US--Ferry Strike,41<
^Ferry workers strike in Seattle<
^By ANA LOPEZ=
^Associated Press=
	   SEATTLE (AP) _ Ferry workers walked off the job on Tuesday, stranding thousands of commuters.
	   The union said the strike would last two days.
	   AP-WF-04-02-19 1410GMT<


NO CARRIER
