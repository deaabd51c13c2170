a0412kyodo
r i Japan-economy 09-12 0096
	    Japan-economy
	    Japan's economy grows 0.7 pct in April-June quarter
	     TOKYO, Sept. 12 Kyodo - Japan's economy grew an annualized real
	    0.7 percent in the April-June quarter, the government said
	    Wednesday, helped by firm private consumption.
	     The Cabinet Office said capital spending rose for the
	    third straight quarter as companies invested in labor-saving
	    equipment.
	    ==Kyodo

KWS-21:37-09-12-18
