// The native trainer: reads ../shared/data, trains both tiers, writes models/model.json and the
// out-of-fold predictions; with --select it first chooses the hyper-parameters leave-one-set-out
// and also writes them, models/METRICS.md and the leave-one-set-out predictions. Usage: train --help
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "pipeline.h"
#include "report.h"
#include "text_files.h"

namespace {

const char kUsage[] =
    "usage: train --data DIR --params FILE [--select] [--model FILE] [--oof FILE] [--metrics FILE] [--loso FILE]\n"
    "  --data DIR      the labelled data sets (srf/, kaggle-free4ever1/, instafake/, kaggle-complete/, parma/,\n"
    "                  macerul/)\n"
    "  --params FILE   the hyper-parameters (fakemeter-train-params JSON): read, or written with --select\n"
    "  --select        choose them first, leave one data set out at a time (the full evaluation)\n"
    "  --evaluate      the same evaluation of the hyper-parameters in --params alone (no search)\n"
    "  --model FILE    write the model (fakemeter-model JSON)\n"
    "  --oof FILE      write out-of-fold predictions (JSON Lines)\n"
    "  --metrics FILE  with --select: write the metrics report (Markdown)\n"
    "  --loso FILE     with --select: write the leave-one-set-out predictions (JSON Lines)\n"
    "  --quick         with --select: a tiny hyper-parameter grid (smoke tests)\n"
    "  --srf-weights L with --select: the full tier's SRF weight multipliers to try in order, e.g. 1,2,3\n"
    "  --fold-seed N   another seed for the 5-fold split (research: how much in-set figures move with it)\n"
    "  --command TEXT  the regeneration command quoted in the metrics report\n";

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "train: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

// Sections other tools keep in the same file (between "<!-- name:begin -->" and
// "<!-- name:end -->", e.g. the comment spam model's) survive a retraining: they are carried
// over from the file being replaced, in their order, after the trainer's own text.
std::string other_sections(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()), kept;
  for (size_t a = old.find("<!-- "); a != std::string::npos; a = old.find("<!-- ", a + 1)) {
    size_t colon = old.find(":begin -->", a);
    if (colon == std::string::npos || old.find('\n', a) < colon) continue;
    std::string end = old.substr(a, colon - a) + ":end -->";
    size_t b = old.find(end, colon);
    if (b == std::string::npos) continue;
    kept += "\n" + old.substr(a, b + end.size() - a) + "\n";
    a = b;
  }
  return kept;
}

fm::Result<fm::train::Params> read_params(const std::string& path) {
  auto text = fm::data::read_text_file(path, "scripts/evaluate writes it");
  if (!text) return text.error();
  auto j = fm::parse_json(text.value(), path);
  if (!j) return j.error();
  auto p = fm::train::params_from_json(j.value());
  if (!p) return fm::make_error(p.error().id, path + ": " + p.error().message);
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fm::train;
  std::string data, params_path, model_path, metrics_path, oof_path, loso_path, command = "scripts/evaluate";
  bool select = false, evaluate_only = false, srf_weights_given = false;
  uint64_t fold_seed = kFoldSeed;
  RunOptions opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string& dst) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "train: %s needs a value\n%s", a.c_str(), kUsage);
        std::exit(2);
      }
      dst = argv[++i];
    };
    if (a == "--data") value(data);
    else if (a == "--params") value(params_path);
    else if (a == "--model") value(model_path);
    else if (a == "--metrics") value(metrics_path);
    else if (a == "--oof") value(oof_path);
    else if (a == "--loso") value(loso_path);
    else if (a == "--command") value(command);
    else if (a == "--select") select = true;
    else if (a == "--evaluate") select = evaluate_only = true;
    else if (a == "--quick") opt.quick = true;
    else if (a == "--fold-seed") {
      std::string text;
      value(text);
      char* end = nullptr;
      fold_seed = std::strtoull(text.c_str(), &end, 10);
      if (text.empty() || *end || text[0] == '-') {
        std::fprintf(stderr, "train: --fold-seed: '%s' is not a non-negative whole number\n", text.c_str());
        return 2;
      }
    } else if (a == "--srf-weights") {
      std::string list;
      value(list);
      opt.srf_weights.clear();
      srf_weights_given = true;
      for (size_t at = 0; at <= list.size();) {
        size_t comma = std::min(list.find(',', at), list.size());
        char* end = nullptr;
        std::string item = list.substr(at, comma - at);
        double w = std::strtod(item.c_str(), &end);
        if (item.empty() || *end || !(w >= 0.01 && w <= 100)) {
          std::fprintf(stderr, "train: --srf-weights: '%s' is not a weight from 0.01 to 100\n", item.c_str());
          return 2;
        }
        opt.srf_weights.push_back(w);
        at = comma + 1;
      }
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "train: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (data.empty() || params_path.empty()) {
    std::fprintf(stderr, "train: --data and --params are required\n%s", kUsage);
    return 2;
  }
  if (!select && (opt.quick || srf_weights_given || !metrics_path.empty() || !loso_path.empty())) {
    std::fprintf(stderr, "train: --quick, --srf-weights, --metrics and --loso need --select\n%s", kUsage);
    return 2;
  }
  if (evaluate_only && srf_weights_given) {
    std::fprintf(stderr,
                 "train: --evaluate takes SRF's weight from the params file (\"srf_weight\"), not --srf-weights\n");
    return 2;
  }

  auto loaded = fm::data::load_all(data);
  if (!loaded) {
    std::fprintf(stderr, "train: %s\n", loaded.error().text().c_str());
    return 1;
  }
  const auto& samples = loaded.value().samples;
  const std::string fingerprint = fm::data::data_fingerprint(samples);
  const auto fold = account_folds(samples, kFolds, fold_seed);
  std::fprintf(stderr, "train: %zu accounts loaded (data %s)\n", samples.size(), fingerprint.c_str());

  Params params;
  TierEvaluation ev_full, ev_lite;
  if (evaluate_only) {
    auto p = read_params(params_path);
    if (!p) {
      std::fprintf(stderr, "train: %s\n", p.error().text().c_str());
      return 1;
    }
    RunOptions o = opt;
    o.only = p.value().full;
    ev_full = evaluate_tier(samples, fold, fm::Tier::kFull, o);
    o.only = p.value().lite;
    ev_lite = evaluate_tier(samples, fold, fm::Tier::kLite, o);
    params = Params{ev_lite.chosen.config, ev_full.chosen.config, fingerprint};
  } else if (select) {
    ev_full = evaluate_tier(samples, fold, fm::Tier::kFull, opt);
    std::fprintf(stderr, "train: full tier chosen leave-one-set-out\n");
    ev_lite = evaluate_tier(samples, fold, fm::Tier::kLite, opt);
    std::fprintf(stderr, "train: lite tier chosen leave-one-set-out\n");
    params = Params{ev_lite.chosen.config, ev_full.chosen.config, fingerprint};
  } else {
    auto p = read_params(params_path);
    if (!p) {
      std::fprintf(stderr, "train: %s\n", p.error().text().c_str());
      return 1;
    }
    params = p.value();
    if (params.data_fingerprint != fingerprint) {
      std::fprintf(stderr,
                   "train: the data differ from those the hyper-parameters in %s were chosen on (data %s, now %s): "
                   "run scripts/evaluate to choose them again and regenerate the reports\n",
                   params_path.c_str(), params.data_fingerprint.c_str(), fingerprint.c_str());
      return 1;
    }
  }

  TierRun full = run_tier(samples, fold, fm::Tier::kFull, params.full);
  TierRun lite = run_tier(samples, fold, fm::Tier::kLite, params.lite);
  for (const auto& m : full.metrics)
    std::fprintf(stderr, "train: full tier, 5-fold %s: AUC %.3f, accuracy %.1f%% at FPR %.1f%%\n", m.name.c_str(),
                 m.auc, 100 * m.at_threshold.accuracy(), 100 * m.at_threshold.fpr());
  fm::Model model = make_model(lite, full);
  std::string text = fm::dump_json(fm::model_to_json(model)) + "\n";
  // The engine must read back what we write.
  auto check = fm::model_from_text(text);
  if (!check) {
    std::fprintf(stderr, "train: written model does not load: %s\n", check.error().text().c_str());
    return 1;
  }

  bool ok = true;
  if (select && !evaluate_only)
    ok &= write_file(params_path, fm::dump_json(params_to_json(params.lite, params.full, fingerprint), 1) + "\n");
  if (!model_path.empty()) ok &= write_file(model_path, text);
  if (!oof_path.empty()) ok &= write_file(oof_path, oof_jsonl(samples, fold, lite, full));
  if (!loso_path.empty()) ok &= write_file(loso_path, loso_jsonl(samples, ev_lite, ev_full));
  if (!metrics_path.empty()) {
    ReportInput in{&loaded.value(), fingerprint, &ev_lite, &ev_full, &lite, &full, model.version, text.size(), command};
    ok &= write_file(metrics_path, metrics_markdown(in) + other_sections(metrics_path));
  }
  std::fprintf(stderr, "train: model %s, %zu bytes\n", model.version.c_str(), text.size());
  return ok ? 0 : 1;
}
