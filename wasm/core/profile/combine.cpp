#include "combine.h"

#include <algorithm>

#include "json_util.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

CombinedEstimate combine_with_sample(const Estimate& instant, const Estimate& sample, int64_t n) {
  CombinedEstimate c;
  c.estimate = sample;
  c.disagree = sample.low > instant.high || sample.high < instant.low;
  c.note = "The follower sample of " + std::to_string(n) + " reads " + fmt_num(sample.point, 3) + "% (" +
           fmt_num(sample.low, 3) + "-" + fmt_num(sample.high, 3) + "%); the profile signals (" +
           fmt_num(instant.point, 3) + "%, " + fmt_num(instant.low, 3) + "-" + fmt_num(instant.high, 3) +
           "%) measure followers who never engage, not fake accounts, and do not narrow it";
  if (c.disagree) {
    c.estimate.low = std::min(sample.low, instant.low);
    c.estimate.high = std::max(sample.high, instant.high);
    c.note +=
        "; the two disagree, so the interval spans both: the sample counts fake accounts, the profile "
        "followers who never see or like the posts";
  }
  return c;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
