p0512bcn
r a council-vote 04-21 0120   

^City council delays vote on budget<
	   SAN MATEO _ The city council on Friday delayed a vote on the budget
until next month.
	   Members asked for more time.
W.Ochoa222p4/21/95

