a0107KYODOkoko-
u s BC-Baseball-Japan-Series 11-03 0085
BC-Baseball-Japan-Series
Baseball: Hawks win Japan Series for third straight year+
  FUKUOKA, Japan, Nov. 3 Kyodo - The SoftBank Hawks won the Japan Series
for the third straight year on Saturday, beating the Carp 2-0 in Game 6
at Mazda Stadium in Hiroshima.
  Catcher Takuya Kai threw out a record eighth runner of the series and
was named the most valuable player.
==Kyodo

KWS-22:05-03-11-18
