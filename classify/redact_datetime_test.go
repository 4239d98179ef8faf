package classify

import "testing"

// TestRedactDateTime: a date written year first, followed by an hour, is
// no phone number (QA pass BE: "2020-03-09 10:00:00" became
// "[PHONE]:00:00", and notebooks redact every text cell, timestamps cast
// to text among them), nor is an invoice number glued to its prefix; a
// phone number after a date is still one.
func TestRedactDateTime(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"timestamp", "2020-03-09 10:00:00", "2020-03-09 10:00:00"},
		{"strftime minutes", "opened 2024-01-15 14:35 and closed", "opened 2024-01-15 14:35 and closed"},
		{"slashes", "2020/03/09 10:00:00", "2020/03/09 10:00:00"},
		{"dots", "2020.03.09 10:00:00", "2020.03.09 10:00:00"},
		{"hour alone", "on 2020-03-09 10 am", "on 2020-03-09 10 am"},
		{"invoice number", "invoice INV-2020-000123456 was", "invoice INV-[ACCOUNT] was"},
		{"phone after a date", "on 2020-03-09 555-867-5309 called", "on 2020-03-09 [PHONE] called"},
		{"phone after a date and hour", "2020-03-09 10:00 call 555-867-5309", "2020-03-09 10:00 call [PHONE]"},
		{"phone", "call 555 867 5309 now", "call [PHONE] now"},
		{"international phone", "call +44 20 7946 0958 now", "call [PHONE] now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
