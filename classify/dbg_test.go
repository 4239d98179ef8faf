package classify
import "testing"
func TestDbg(t *testing.T){
	for _, s := range []string{
		"After a year of dealing with a debit card fraud case with USAA we have determined we can no longer do business with them and are trying to close our accounts. In early XX/XX/2019 we attempted to close both checking and savings.",
		"I'm thinking about closing my account because of this unprofessional matter, I am in debt",
	}{ t.Logf("%+v", DetectFlags(s)) }
	t.Log(sentenceAround("abc. we are trying to close our accounts. next", 20))
}
