v03300or-d
r o AP-OR--Weather-Table 06-14 0150
^AP-OR--Oregon Weather Table<

--------------------------
! Oregon Weather Roundup !
--------------------------
Highs and lows for the 24 hours ending at 5 a.m.
CITY            HIGH  LOW  PRECIP
PORTLAND         71   52    T
SALEM            74   49
BEND             80   41   0.02
	   AP-NY-06-14-95 1205GMT<

