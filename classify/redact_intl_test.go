package classify

import "testing"

// TestRedactInternational: e-mail addresses with letters beyond ASCII in
// their local part (RFC 6531) or domain (IDN) are redacted whole, and
// Brazilian numbers are typed. The addresses and numbers are those of an
// exploratory QA pass on Portuguese, Spanish and German complaints
// (/tmp/qaAH/qa): before, "andré@gmail.com" and "user@müller.de" were left
// whole, "joão.silva@empresa.com.br" became "joã[EMAIL]", the CPF
// "123.456.789-09" [PHONE], "(11) 98765-4321" "(11) [ACCOUNT]" and the CNPJ
// "11.222.333/0001-81" "[ACCOUNT]/0001-81".
func TestRedactInternational(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"accented local part", "escreva para andré@gmail.com hoje", "escreva para [EMAIL] hoje"},
		// a price after "@" is no domain: a top-level domain has letters
		// (a regression QA pass: "Ação@2.50 cada" became "[EMAIL] cada",
		// "3 items@1.99 each" "3 [EMAIL] each" before it too)
		{"price after @", "Ação@2.50 cada, 3 items@1.99 each, naive@3.14", "Ação@2.50 cada, 3 items@1.99 each, naive@3.14"},
		{"accented local parts", "josé@correo.es, zé@uol.com.br y Ñandú@correo.es.", "[EMAIL], [EMAIL] y [EMAIL]."},
		{"accent inside the local part", "joão.silva@empresa.com.br e jürgen.müller@beispiel.de", "[EMAIL] e [EMAIL]"},
		{"accents and an underscore", "mi correo: maría_josé.núñez@gmail.com", "mi correo: [EMAIL]"},
		{"capitals", "MAIL AN MÜLLER@WEB.DE BITTE", "MAIL AN [EMAIL] BITTE"},
		{"IDN domain", "user@müller.de und info@bücher.example.", "[EMAIL] und [EMAIL]."},
		{"decomposed accent", "jose\u0301@correo.es", "[EMAIL]"},
		{"Cyrillic", "пишите на иван@пример.рф сегодня", "пишите на [EMAIL] сегодня"},
		// a text written without spaces touches the address: the address
		// is of one script, the text before and after it of another
		{"Chinese around an address", "我的邮箱是jane@example.com谢谢", "我的邮箱是[EMAIL]谢谢"},
		{"Chinese address", "请联系 用户@例子.广告 谢谢", "请联系 [EMAIL] 谢谢"},
		{"punctuation around", "«andré@gmail.com», (josé@correo.es)", "«[EMAIL]», ([EMAIL])"},
		{"spelled in brackets", "joão(at)empresa(dot)com.br ou josé [at] correo [dot] es", "[EMAIL] ou [EMAIL]"},
		{"spelled in words", "write to joão dot silva at gmail dot com today", "write to [EMAIL] today"},
		{"no address", "o café @ 5€ e à tarde", "o café @ 5€ e à tarde"},
		// Brazil's taxpayer numbers (CPF, of people; CNPJ, of companies)
		// with their check digits, and phone numbers with a two-digit area
		// code in brackets
		{"cpf", "meu CPF é 123.456.789-09, obrigado", "meu CPF é [TAXID], obrigado"},
		{"cnpj", "CNPJ 11.222.333/0001-81.", "CNPJ [TAXID]."},
		{"cpf-shaped, wrong check digits", "nº 123.456.789-00", "nº [PHONE]"},
		{"phone with a two-digit area code", "ligue (11) 98765-4321 ou (21) 3456-7890", "ligue [PHONE] ou [PHONE]"},
		{"phone with country and area code", "whatsapp +55 (11) 98765-4321", "whatsapp [PHONE]"},
		{"a list's number, then a phone", "(10) 555-1234 and (2) 12 items", "(10) [PHONE] and (2) 12 items"},
	}
	redactCases(t, tests)
}
