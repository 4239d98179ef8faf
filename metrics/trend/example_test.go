package trend_test

import (
	"fmt"

	"github.com/complaints/complaints/metrics/trend"
)

func ExampleMannKendallTest() {
	// By hand: S = 7+5+5+4+3+2+1 = 27; one tie of two, so
	// Var(S) = (8*7*21 - 2*1*9)/18 = 64.33 and Z = 26/sqrt(64.33) = 3.242;
	// the median of the 28 pairwise slopes is 1.5.
	r := trend.MannKendallTest([]float64{3, 4, 4, 6, 7, 9, 12, 13})
	fmt.Printf("S=%v Z=%.3f p=%.4f Sen slope=%.3f\n", r.S, r.Z, r.P, r.SenSlope)
	// Output: S=27 Z=3.242 p=0.0012 Sen slope=1.500
}

func ExampleCountUpperTail() {
	// A week with 60 complaints where the baseline expects 30 with
	// variance 60 (twice Poisson): negative binomial with size 30, whose
	// pmf summed to 59 leaves 0.00067.
	fmt.Printf("%.2g\n", trend.CountUpperTail(60, 30, 60))
	// Output: 0.00067
}
