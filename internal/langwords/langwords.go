// Package langwords holds the function words (articles, pronouns,
// prepositions, conjunctions, auxiliary verbs) that tell the languages of
// complaints apart: English's, and for each language written in the Latin
// alphabet that classify's language detector names, its own: those of its
// frequent function words that are no English word.
//
// classify counts them to name a text's language (a text is English only
// where English's outnumber another language's own), and metrics/trend
// never makes a phrase of them: "não" or "para" in a cluster of Portuguese
// complaints is no emerging phrase. The two read the same lists from here
// (metrics/trend does not import classify, which is heavy).
//
// A word that is a function word of another language and also an English
// word is in no language's own words: "die", "was", "will", "an", "am",
// "man", "bank", "rate", "mail", "gift", "son", "no", "a". Counted as
// German it would make English text German; stopped in the phrases it
// would hide "die" and "bank" from English complaints.
package langwords

import "strings"

// english are frequent English words that rarely occur in other languages'
// text (so not "a" or "no"), with the contractions frequent in short texts
// ("It's good got quick connection").
const english = `the and to of i is in my for that it was you on with have this not be they are
	we your at from but been had will can would has their them an were what why when there thanks please
	it's i'm i've i'll i'd don't didn't doesn't can't isn't wasn't won't haven't you're we're they're that's`

// own are each Latin-alphabet language's function words that are no
// English word, as they are written with their accents and without them
// (typed on phones and in chats: "nao", "voce", "fuer", "tambien"). Left
// out besides English words ("ha", "ate", "hay", "sin", "den"): "mi" (a
// mile, Michigan), "las" and "los" (Las Vegas, Los Angeles), "att" (AT&T
// as customers type it), "im" (English "I'm" typed without its
// apostrophe), "ve" (Turkish "and"; "I've" with its apostrophe lost, "I
// ve", "I??ve", in 1.4% of the shared sets' English texts), "um" and
// "e".
var own = [...]struct{ lang, words string }{
	{"pt", `de que não nao uma os da das dos para por mais foi meu minha ele ela mas na nas nos se ao sem já ja
		está esta estou tenho até pelo pela pelos pelas isso isto muito também tambem você voce vocês voces é são sao
		com quem eu seu sua ainda mesmo depois sobre quando porque pois nem onde então entao foram tem ter pra ou
		vou vai essa esse estão estao aqui dele dela meus minhas seus suas tudo estava tinha fui sou como numa
		vc vcs pq tbm`},
	{"es", `de que el la y en un una por para es lo se su sus del pero muy está esta más mas ya le te tiene nos si
		hola gracias porque cuando este esto todo nada algo bien tengo estoy hace también tambien aquí aqui así asi
		están estan eso esa ese usted ustedes todavía todavia nunca ni han fue voy desde hasta donde nadie como`},
	{"fr", `le la les de des du et un une pour pas je vous nous il elle avec dans sur que qui ce cette mes au aux ne
		très tres mais sont été ete être etre avez ont j'ai c'est n'est ou`},
	{"de", `der das und ist nicht ich sie es ein eine einen einem einer mit zu auf für fuer über ueber sich auch
		nach bei wir ihr ihre ihnen aber noch wie oder habe sind wurde würde wuerde wäre waere hätte haette kein
		keine von du hast aus dem deine dein meine mein meinen mir mich dass daß denn schon nur wird uns euch bitte
		danke hallo leider seit wenn weil jetzt immer heute gibt können koennen möchte moechte muss müssen muessen
		kann nichts dann doch wieder sehr zum zur vom zurück zurueck`},
	{"it", `il la di che è un una sono del della lo gli le si anche questo molto nel alla perché perche più piu già
		gia però`},
	{"nl", `de het een en ik niet dat je te zijn voor maar ook wel bij nog wij heb geen naar heeft mijn`},
	{"pl", `nie się sie jest że ze na jak tak już juz mnie przez dla czy jestem był byl tylko`},
	{"tr", `bir bu da de için icin ile çok cok ne gibi daha yok değil degil olarak kadar`},
	{"sv", `och det som en är ar på inte jag för ett de så`},
	{"ro", `și si de la în nu că un se este sunt mai pentru fost ce sau lui dar`},
	{"vi", `và của là có không khong được duoc tôi toi một mot này các những với người`},
	{"id", `yang di ini itu dengan untuk tidak dari dalam akan pada juga saya ke bisa sudah karena kami atau aku tapi`},
}

// English returns English's function words, in lower case: frequent
// English words that rarely occur in other languages' text.
func English() []string { return strings.Fields(english) }

// Languages returns the ISO 639-1 codes of the languages written in the
// Latin alphabet whose own words Own holds, always in the same order.
func Languages() []string {
	out := make([]string, len(own))
	for i, o := range own {
		out[i] = o.lang
	}
	return out
}

// Own returns the function words of lang (one of Languages) that are no
// English word, in lower case, with and without their accents; nil for
// another language.
func Own(lang string) []string {
	for _, o := range own {
		if o.lang == lang {
			return strings.Fields(o.words)
		}
	}
	return nil
}
