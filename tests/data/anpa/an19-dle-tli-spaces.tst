a0902-----
r a BC-Bridge-Opens 10-04 0030
^BC-Bridge-Opens,30<
^New bridge opens over the Ohio River<
	   LOUISVILLE, Ky. (AP) _ The newbridge opened to traffic onFriday morning.
	   Tolls start next month.
	   AP-WF-10-04-24 1300GMT<

