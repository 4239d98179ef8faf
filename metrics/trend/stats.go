package trend

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/complaints/complaints/metrics"
)

// CountUpperTail returns P(Y >= y) for a count Y with mean mu and variance
// v. When v exceeds mu, Y is negative binomial with the same two moments,
// size k = mu^2/(v - mu), and
//
//	P(Y >= y) = I_{mu/(k+mu)}(y, k)
//
// (I the regularized incomplete beta function); otherwise Y is Poisson and
// P(Y >= y) = P(y, mu), the regularized lower incomplete gamma function.
// y is rounded up to an integer; P(Y >= y) = 1 for y <= 0.
func CountUpperTail(y, mu, v float64) float64 {
	y = math.Ceil(y)
	if y <= 0 {
		return 1
	}
	if mu <= 0 {
		return 0
	}
	if v <= mu*(1+1e-9) {
		return mathext.GammaIncReg(y, mu)
	}
	k := mu * mu / (v - mu)
	return mathext.RegIncBeta(y, k, mu/(k+mu))
}

// BinomialUpperTail returns P(X >= k) for X ~ Binomial(n, p):
// I_p(k, n-k+1).
func BinomialUpperTail(k, n, p float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n:
		return 0
	case p <= 0:
		return 0
	case p >= 1:
		return 1
	}
	return mathext.RegIncBeta(k, n-k+1, p)
}

// chi2Survival is P(X > x) for X ~ chi-squared with df degrees of freedom.
func chi2Survival(x, df float64) float64 {
	if x <= 0 {
		return 1
	}
	return mathext.GammaIncRegComp(df/2, x/2)
}

// GLM is a fitted quasi-Poisson log-linear model
//
//	log E[y_i] = offset_i + x_i' beta,   Var(y_i) = phi E[y_i],
//
// fitted by iteratively reweighted least squares (McCullagh and Nelder 1989,
// ch. 2 and 6). Phi is the Pearson estimate sum((y - mu)^2 / mu) / (n - p),
// floored at 1 so that under-dispersion never narrows a test; n counts only
// observations with a fitted mean above zero.
type GLM struct {
	Beta []float64
	Phi  float64
	DF   int // residual degrees of freedom of Phi: used observations - parameters
	// Used reports which observations the final fit used (see FitRobust).
	Used []bool
	xtwx *mat.SymDense // X'WX at the solution; Cov(beta) = Phi (X'WX)^-1
	inv  *mat.SymDense
}

// FitQuasiPoisson fits the model to the observations with use[i] true (all
// when use is nil). x holds one row of covariates per observation; offset
// may be nil. It returns ok false when the fit is not identifiable (fewer
// used observations than parameters, all counts zero, or a singular design).
func FitQuasiPoisson(y, offset []float64, x [][]float64, use []bool) (GLM, bool) {
	n := len(y)
	if n == 0 || len(x) != n {
		return GLM{}, false
	}
	p := len(x[0])
	if use == nil {
		use = make([]bool, n)
		for i := range use {
			use[i] = true
		}
	}
	used, total := 0, 0.0
	for i := range y {
		if use[i] {
			used++
			total += y[i]
		}
	}
	if used <= p || total <= 0 {
		return GLM{}, false
	}
	off := func(i int) float64 {
		if offset == nil {
			return 0
		}
		return offset[i]
	}
	// Start from mu = y + 0.5, the usual IRLS start (avoids log 0).
	eta := make([]float64, n)
	mu := make([]float64, n)
	for i := range y {
		mu[i] = y[i] + 0.5
		eta[i] = math.Log(mu[i])
	}
	beta := make([]float64, p)
	xtwx := mat.NewSymDense(p, nil)
	xtwz := mat.NewVecDense(p, nil)
	var chol mat.Cholesky
	prevDev := math.Inf(1)
	for iter := 0; iter < 50; iter++ {
		xtwx.Zero()
		xtwz.Zero()
		for i := range y {
			if !use[i] {
				continue
			}
			w := mu[i]
			z := eta[i] - off(i) + (y[i]-mu[i])/mu[i]
			for a := 0; a < p; a++ {
				xa := x[i][a] * w
				xtwz.SetVec(a, xtwz.AtVec(a)+xa*z)
				for b := a; b < p; b++ {
					xtwx.SetSym(a, b, xtwx.At(a, b)+xa*x[i][b])
				}
			}
		}
		if !chol.Factorize(xtwx) {
			return GLM{}, false
		}
		var sol mat.VecDense
		if err := chol.SolveVecTo(&sol, xtwz); err != nil {
			return GLM{}, false
		}
		dev := 0.0
		for a := range beta {
			beta[a] = sol.AtVec(a)
		}
		for i := range y {
			e := off(i)
			for a := 0; a < p; a++ {
				e += x[i][a] * beta[a]
			}
			eta[i] = math.Max(math.Min(e, 700), -30)
			mu[i] = math.Exp(eta[i])
			if use[i] {
				dev += poissonDeviance(y[i], mu[i])
			}
		}
		if math.Abs(dev-prevDev) < 1e-10*(math.Abs(dev)+1e-10) {
			break
		}
		prevDev = dev
	}
	// Recompute X'WX at the solution for the covariance.
	xtwx.Zero()
	pearson, informative := 0.0, 0
	for i := range y {
		if !use[i] {
			continue
		}
		if mu[i] > 1e-6 {
			informative++
		}
		for a := 0; a < p; a++ {
			for b := a; b < p; b++ {
				xtwx.SetSym(a, b, xtwx.At(a, b)+x[i][a]*mu[i]*x[i][b])
			}
		}
		pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i]
	}
	if !chol.Factorize(xtwx) {
		return GLM{}, false
	}
	inv := mat.NewSymDense(p, nil)
	if err := chol.InverseTo(inv); err != nil {
		return GLM{}, false
	}
	// Observations fitted at mu = 0 (a segment of zeros whose parameter ran
	// to minus infinity) carry no information on phi: they leave the
	// degrees of freedom.
	df := informative - p
	if df < 1 {
		df = 1
	}
	u := append([]bool(nil), use...)
	return GLM{Beta: beta, Phi: math.Max(1, pearson/float64(df)), DF: df, Used: u, xtwx: xtwx, inv: inv}, true
}

// FitRobust fits the quasi-Poisson model, then refits the mean without the
// observations whose standardized Pearson residual (y - mu)/sqrt(phi mu)
// exceeds 2.58, so that past outbreaks do not inflate the baseline (the
// reweighting step of Farrington et al. 1996 and Noufaily et al. 2013, with
// weights 0 or 1). Dropping the largest residuals would also shrink phi
// below the truth in heavy-tailed (negative binomial) data, so phi is the
// winsorized Pearson statistic of every observation against the refitted
// mean, each squared residual capped at 2.58^2 phi_0:
//
//	phi = sum_i min(r_i^2, 2.58^2 phi_0) / (n - p).
func FitRobust(y, offset []float64, x [][]float64, use []bool) (GLM, bool) {
	g, ok := FitQuasiPoisson(y, offset, x, use)
	if !ok {
		return g, false
	}
	keep := append([]bool(nil), g.Used...)
	dropped := false
	for i := range y {
		if !keep[i] {
			continue
		}
		m := g.Mean(x[i], offsetAt(offset, i))
		if (y[i]-m)/math.Sqrt(g.Phi*m) > 2.58 {
			keep[i] = false
			dropped = true
		}
	}
	if !dropped {
		return g, true
	}
	g2, ok := FitQuasiPoisson(y, offset, x, keep)
	if !ok {
		return g, true
	}
	cap2 := 2.58 * 2.58 * g.Phi
	pearson, used := 0.0, 0
	for i := range y {
		if !g.Used[i] {
			continue
		}
		m := g2.Mean(x[i], offsetAt(offset, i))
		if m <= 1e-6 {
			continue
		}
		pearson += math.Min((y[i]-m)*(y[i]-m)/m, cap2)
		used++
	}
	g2.DF = max(1, used-len(g2.Beta))
	g2.Phi = math.Max(1, pearson/float64(g2.DF))
	return g2, true
}

// Studentize widens an upper-tail p-value for a variance estimated on df
// degrees of freedom: p is turned into the normal deviate z with
// P(Z >= z) = p, and the p-value returned is P(T >= z) for Student's t with
// df degrees of freedom. The count distribution keeps its skewness (p comes
// from the negative binomial) while the uncertainty of the estimated
// dispersion widens the tail, as the t does for a studentized residual.
// p >= 0.5 and df <= 0 are returned unchanged.
func Studentize(p float64, df int) float64 {
	if p >= 0.5 || df <= 0 || math.IsNaN(p) {
		return p
	}
	z := -mathext.NormalQuantile(math.Max(p, 1e-300))
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Survival(z)
}

// fSurvival is P(F > x) for F with d1 and d2 degrees of freedom; 1 (no
// evidence) when there are no degrees of freedom or x is not a number,
// where gonum's F panics. It is the regularized incomplete beta function
// I(d2/2, d1/2; d2 / (d1 x + d2)) itself: gonum's F.Survival, 1 - CDF,
// loses the upper tail (0 where the p-value is below 1e-16).
func fSurvival(x, d1, d2 float64) float64 {
	if math.IsInf(x, 1) {
		return 0
	}
	if !(x > 0) || !(d1 > 0) || !(d2 > 0) {
		return 1
	}
	return mathext.RegIncBeta(d2/2, d1/2, d2/(d1*x+d2))
}

func offsetAt(offset []float64, i int) float64 {
	if offset == nil {
		return 0
	}
	return offset[i]
}

// Mean is the fitted mean exp(offset + x'beta).
func (g GLM) Mean(x []float64, offset float64) float64 {
	e := offset
	for a, v := range x {
		e += v * g.Beta[a]
	}
	return math.Exp(e)
}

// Predict returns the mean of a new observation with covariates x and its
// prediction variance phi mu + mu^2 Var(x'beta), where
// Var(x'beta) = phi x'(X'WX)^-1 x (the delta method on the log scale, as in
// Farrington et al. 1996).
func (g GLM) Predict(x []float64, offset float64) (mu, variance float64) {
	mu = g.Mean(x, offset)
	xv := mat.NewVecDense(len(x), append([]float64(nil), x...))
	ve := g.Phi * mat.Inner(xv, g.inv, xv)
	return mu, g.Phi*mu + mu*mu*ve
}

// Wald is the p-value of the quasi-likelihood Wald test that the
// coefficients idx are all zero: W = b' (phi V)^-1 b with V the idx block of
// (X'WX)^-1, referred to F with len(idx) and DF degrees of freedom as W/k.
func (g GLM) Wald(idx []int) float64 {
	k := len(idx)
	v := mat.NewSymDense(k, nil)
	b := mat.NewVecDense(k, nil)
	for a, i := range idx {
		b.SetVec(a, g.Beta[i])
		for c, j := range idx[a:] {
			v.SetSym(a, a+c, g.Phi*g.inv.At(i, j))
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(v) {
		return 1
	}
	var sol mat.VecDense
	if err := chol.SolveVecTo(&sol, b); err != nil {
		return 1
	}
	return fSurvival(mat.Dot(b, &sol)/float64(k), float64(k), float64(g.DF))
}

// poissonDeviance is 2 (y log(y/mu) - (y - mu)).
func poissonDeviance(y, mu float64) float64 {
	if y == 0 {
		return 2 * mu
	}
	return 2 * (y*math.Log(y/mu) - (y - mu))
}

// MannKendall is the result of the Mann-Kendall trend test.
type MannKendall struct {
	S         float64 // sum over i<j of sign(x_j - x_i)
	VarS      float64 // variance of S under no trend, ties and autocorrelation corrected
	Z         float64 // (S - sign(S)) / sqrt(VarS)
	P         float64 // two-sided p-value from the normal approximation
	SenSlope  float64 // median of (x_j - x_i)/(j - i), Sen (1968); per unit of time with mannKendallAt
	Intercept float64 // median of x_i - SenSlope*i, so the trend line is Intercept + SenSlope*i (*at_i with mannKendallAt)
	Factor    float64 // Hamed-Rao variance inflation n/n* (>= 1)
}

// MannKendallTest runs the Mann-Kendall test for a monotonic trend in x
// (Mann 1945; Kendall 1975) with the variance of S corrected for ties,
//
//	Var(S) = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18,
//
// and for serial correlation by Hamed and Rao (1998): the ranks of the
// Sen-detrended series give autocorrelations rho_k, those significant at 5%
// (|rho_k| > 1.96/sqrt(n)) enter
//
//	n/n* = 1 + 2/(n(n-1)(n-2)) sum_k (n-k)(n-k-1)(n-k-2) rho_k,
//
// and Var*(S) = Var(S) n/n*. The factor is floored at 1: negative
// autocorrelation never makes the test more liberal.
func MannKendallTest(x []float64) MannKendall {
	at := make([]float64, len(x))
	for i := range at {
		at[i] = float64(i)
	}
	return mannKendallAt(at, x)
}

// mannKendallAt is MannKendallTest of observations x_i made at ascending
// times at_i, some periods of the series missing: S and its variance are
// the order's (S counts pairs, whatever their distance), and Sen's slope
// is per unit of time, the median of (x_j - x_i)/(at_j - at_i), the line
// Intercept + SenSlope*at. The Hamed-Rao autocorrelations are those of
// consecutive observations, lag k being k observations apart. With at
// 0..n-1 it is MannKendallTest.
func mannKendallAt(at, x []float64) MannKendall {
	n := len(x)
	var r MannKendall
	if n < 3 {
		r.P = math.NaN()
		return r
	}
	slopes := make([]float64, 0, n*(n-1)/2)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			d := x[j] - x[i]
			switch {
			case d > 0:
				r.S++
			case d < 0:
				r.S--
			}
			slopes = append(slopes, d/(at[j]-at[i]))
		}
	}
	r.SenSlope = median(slopes)
	icpt := make([]float64, n)
	for i, v := range x {
		icpt[i] = v - r.SenSlope*at[i]
	}
	r.Intercept = median(icpt)

	nf := float64(n)
	v := nf * (nf - 1) * (2*nf + 5)
	sorted := append([]float64(nil), x...)
	sort.Float64s(sorted)
	for i := 0; i < n; {
		j := i
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		t := float64(j - i)
		v -= t * (t - 1) * (2*t + 5)
		i = j
	}
	r.VarS = v / 18

	// Hamed-Rao: autocorrelation of the ranks of the detrended series.
	det := make([]float64, n)
	for i, v := range x {
		det[i] = v - r.SenSlope*at[i]
	}
	rk := ranks(det)
	mean := (nf + 1) / 2
	den := 0.0
	for _, v := range rk {
		den += (v - mean) * (v - mean)
	}
	r.Factor = 1
	if den > 0 {
		sum := 0.0
		bound := 1.96 / math.Sqrt(nf)
		for k := 1; k < n-2; k++ {
			num := 0.0
			for i := 0; i+k < n; i++ {
				num += (rk[i] - mean) * (rk[i+k] - mean)
			}
			rho := num / den
			if math.Abs(rho) > bound {
				fk := float64(k)
				sum += (nf - fk) * (nf - fk - 1) * (nf - fk - 2) * rho
			}
		}
		r.Factor = math.Max(1, 1+2*sum/(nf*(nf-1)*(nf-2)))
	}
	r.VarS *= r.Factor
	if r.VarS <= 0 {
		r.P = 1
		return r
	}
	s := r.S
	switch {
	case s > 0:
		s--
	case s < 0:
		s++
	}
	r.Z = s / math.Sqrt(r.VarS)
	r.P = metrics.NormalTwoSided(r.Z)
	return r
}

// ranks returns the 1-based ranks of x, ties getting their average rank.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2
		for k := i; k < j; k++ {
			r[idx[k]] = avg
		}
		i = j
	}
	return r
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// Changepoint is the best single change of rate in a count series.
type Changepoint struct {
	Tau        int     // first index of the second segment
	LR         float64 // quasi-likelihood ratio statistic, already divided by Phi
	Phi        float64 // dispersion of the two-segment fit
	DF         int     // degrees of freedom of Phi
	RateBefore float64 // y/exposure before Tau
	RateAfter  float64 // y/exposure from Tau on
}

// BestChangepoint finds the single change of Poisson rate in counts y with
// exposures e (e.g. all complaints of the period, so the rate is a share)
// that maximizes the likelihood ratio
//
//	LR(tau) = 2 [ Y_a log(Y_a/E_a) + Y_b log(Y_b/E_b) ],  E_s = N_s (Y_a+Y_b)/(N_a+N_b),
//
// over tau with at least minSeg observations on each side and
// tau >= firstTau. The statistic is divided by the Pearson dispersion of the
// two-segment fit (quasi-likelihood; floored at 1), with squared residuals
// winsorized at 2.58^2 phi. To make a one-period spike unable
// to pass for a lasting shift, the LR is the smaller of the statistic with
// the whole second segment and with its most extreme observation removed.
// ok is false when no candidate exists, the series has no counts, or fewer
// than three periods have an exposure (no degree of freedom is left).
func BestChangepoint(y, e []float64, minSeg, firstTau int) (Changepoint, bool) {
	n := len(y)
	if firstTau < minSeg {
		firstTau = minSeg
	}
	var cy, ce []float64 // prefix sums
	cy = make([]float64, n+1)
	ce = make([]float64, n+1)
	for i := 0; i < n; i++ {
		cy[i+1] = cy[i] + y[i]
		ce[i+1] = ce[i] + e[i]
	}
	if cy[n] <= 0 || ce[n] <= 0 {
		return Changepoint{}, false
	}
	best := Changepoint{Tau: -1, LR: -1}
	for tau := firstTau; tau <= n-minSeg; tau++ {
		lr := lrSplit(cy[tau], ce[tau], cy[n]-cy[tau], ce[n]-ce[tau])
		if lr > best.LR {
			best = Changepoint{Tau: tau, LR: lr}
		}
	}
	if best.Tau < 0 {
		return Changepoint{}, false
	}
	tau := best.Tau
	ya, ea := cy[tau], ce[tau]
	yb, eb := cy[n]-cy[tau], ce[n]-ce[tau]
	ra, rb := ya/ea, yb/eb
	// Dispersion of the two-segment fit.
	pearson, used := 0.0, 0
	for pass := 0; pass < 2; pass++ {
		pearson, used = 0, 0
		phi := math.Max(1, best.Phi)
		for i := 0; i < n; i++ {
			rate := ra
			if i >= tau {
				rate = rb
			}
			m := rate * e[i]
			if m <= 0 {
				continue
			}
			r2 := (y[i] - m) * (y[i] - m) / m
			if pass == 1 {
				r2 = math.Min(r2, 2.58*2.58*phi) // winsorized, as in FitRobust
			}
			pearson += r2
			used++
		}
		best.DF = used - 2
		if used > 2 {
			best.Phi = math.Max(1, pearson/float64(used-2))
		} else {
			best.Phi = 1
		}
	}
	if best.DF < 1 {
		// Two periods or fewer with an exposure: the two segments fit them
		// exactly and leave nothing to judge the change against.
		return Changepoint{}, false
	}
	// Leave out the most extreme observation of the second segment.
	worst, worstR := -1, -1.0
	for i := tau; i < n; i++ {
		m := ra * e[i]
		if m <= 0 {
			continue
		}
		if r := math.Abs(y[i]-m) / math.Sqrt(m); r > worstR {
			worst, worstR = i, r
		}
	}
	lr := best.LR
	if worst >= 0 && n-tau > 1 {
		if lo := lrSplit(ya, ea, yb-y[worst], eb-e[worst]); lo < lr {
			lr = lo
		}
	}
	best.LR = lr / best.Phi
	best.RateBefore, best.RateAfter = ra, rb
	return best, true
}

// lrSplit is the Poisson likelihood ratio statistic for rate ya/ea versus
// yb/eb against a common rate.
func lrSplit(ya, ea, yb, eb float64) float64 {
	if ea <= 0 || eb <= 0 {
		return 0
	}
	r := (ya + yb) / (ea + eb)
	return 2 * (xlogx(ya, ea*r) + xlogx(yb, eb*r))
}

// xlogx is y log(y/m), 0 when y is 0.
func xlogx(y, m float64) float64 {
	if y <= 0 {
		return 0
	}
	return y * math.Log(y/m)
}
