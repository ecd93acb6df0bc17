#include "oof.h"

#include "account.h"
#include "text_files.h"

namespace fm {

Result<std::vector<OofRow>> read_oof(const std::string& path) {
  std::vector<OofRow> rows;
  auto read = data::for_each_json_line(
      path, "scripts/train writes it", [&](const json& o, const std::string& where) -> Result<bool> {
        auto set = read_string(o, "set", "", 40);
        auto fold = read_int(o, "fold", "", 0, 1000);
        auto label = read_int(o, "label", "", 0, 1);
        auto pl = read_number(o, "p_lite", "", 0, 1);
        auto pf = read_number(o, "p_full", "", 0, 1);
        for (const Error* e :
             {set ? nullptr : &set.error(), fold ? nullptr : &fold.error(), label ? nullptr : &label.error(),
              pl ? nullptr : &pl.error(), pf ? nullptr : &pf.error()})
          if (e) return make_error("oof.field", where + e->message);
        if (!set.value() || !fold.value() || !label.value() || !pl.value() || !pf.value())
          return make_error("oof.field", where + "needs set, fold, label, p_lite and p_full");
        OofRow r;
        r.set = *set.value();
        r.fold = int(*fold.value());
        r.fake = *label.value() == 1;
        r.score.p_lite = *pl.value();
        r.score.p_full = *pf.value();
        auto rec = o.find("record");
        if (rec != o.end()) {
          auto acc = account_from_json(*rec);
          if (!acc) return make_error("oof.record", where + acc.error().message);
          r.score.is_private = acc.value().is_private;
          r.score.follower_count = acc.value().follower_count;
          r.score.following_count = acc.value().following_count;
        }
        rows.push_back(std::move(r));
        return true;
      });
  if (!read) return read.error();
  return rows;
}

}  // namespace fm
