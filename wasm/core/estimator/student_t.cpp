#include "student_t.h"

#include <cmath>

#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
// The 97.5% quantiles for 1-5 degrees of freedom (the engine's intervals are 95%): a table, since
// the closed-form CDF would pull trigonometry into the engine for five numbers.
constexpr double kZ975 = 1.959963984540054;
constexpr double kT975[] = {12.70620474, 4.30265273, 3.18244631, 2.77644511, 2.57058184};
}  // namespace

double student_quantile(double z, double df) {
  if (!(df >= 1)) return z;
  if (df < 6 && df == std::floor(df) && std::fabs(std::fabs(z) - kZ975) < 1e-3)
    return std::copysign(kT975[int(df) - 1], z);
  double z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
