a0100spn
y a AP-Fiesta 08-01 0050
^Fiesta draws crowds in Pamplona<
	   PAMPLONA, Spain (AP) _ Thousands gathered in Pamplona for the fiestas opening.

end of take 1<
