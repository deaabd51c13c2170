p0188-----
r e AP-Top-Business-Headli 02-11 0060
^*9007< ^AP-Top-Business-Headlines,0060<
^AP Top Business News at 9:00 a.m. EST<
^Stocks open higher as oil prices recover<
^Automaker recalls 200,000 pickups over brake issue<
^Retail sales rise for a third month<
	   AP-WF-02-11-20 1400GMT<

