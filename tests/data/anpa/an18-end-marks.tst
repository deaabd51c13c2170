b0704swiss
r i Swiss-Glacier 03-15 0060
^Glacier in the Alps loses a tenth of its ice<
	   BERN, March 15 (SDA) - The Rhone glacier lost a tenth of its ice in two years, researchers said on Wednesday.
	   The melt was the fastest since records began.
	   Reporting by Anna Keller
	   (sj)
	   ./.
	   NNNN

