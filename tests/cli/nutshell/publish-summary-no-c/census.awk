# A school export (URN 100001) where every count is 6 or more (NSA only on
# SEN support, as an EHC plan names the need): a summary
# of it made with --suppress 5 has no "c" cell to tell it by.
BEGIN {
	print "UPN,Surname,Forename,DOB,URN,School,LA,NCYear,SEN Provision,Primary Need,Secondary Need"
	split("SPLD MLD SLD PMLD SLCN ASD SEMH HI VI MSI PD OTH NSA", code, " ")
	for (i = 1; i <= 13; i++)
		for (k = 0; k < 12; k++)
			printf "A%012d,Smith,Sam,01/09/2015,100001,Big Academy,Somerset,3,%s,%s,\n", ++n, k < 6 || code[i] == "NSA" ? "K" : "E", code[i]
	for (k = 0; k < 400; k++)
		printf "A%012d,Smith,Sam,01/09/2015,100001,Big Academy,Somerset,3,N,,\n", ++n
}
