// Student's t quantiles for the estimator's intervals: the two-phase regression's residual
// variance (m - 2 degrees of freedom) and the predictive interval for a definition of fake
// unlike the known ones (K - 2 degrees of freedom, regimes.h).
#pragma once

namespace fm {

// The t quantile with `df` degrees of freedom at the probability the standard normal reaches
// at z (z = 1.96: the 97.5% quantile). Exact at the 97.5% quantile for whole df below 6 (a table);
// otherwise a Cornish-Fisher expansion (within 0.002 of the exact value for df >= 6).
double student_quantile(double z, double df);

}  // namespace fm
