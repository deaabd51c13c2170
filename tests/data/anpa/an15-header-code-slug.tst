p0176-----
r e AP-Top-Entertainment-H 05-30 0176
^*9006< ^AP-Top-Entertainment-Headlines,0176<
^BC-10 Things to Know-Today,364<
^Film festival opens with a premiere in Cannes<
	   CANNES, France (AP) _ The film festival opened on Tuesday with the premiere of a French comedy.
	   AP-WF-05-30-23 0900GMT<

