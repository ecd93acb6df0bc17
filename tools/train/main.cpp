// The native trainer: reads ../shared/data, trains both tiers, writes models/model.json,
// models/METRICS.md and the out-of-fold predictions. Usage: train --help
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "datasets.h"
#include "folds.h"
#include "pipeline.h"
#include "report.h"

namespace {

const char kUsage[] =
    "usage: train --data DIR [--model FILE] [--metrics FILE] [--oof FILE] [--quick]\n"
    "  --data DIR      the labelled data sets (srf/, kaggle-free4ever1/, instafake/)\n"
    "  --model FILE    write the model (fakemeter-model JSON)\n"
    "  --metrics FILE  write the metrics report (Markdown)\n"
    "  --oof FILE      write out-of-fold predictions (JSON Lines)\n"
    "  --quick         tiny hyper-parameter grid (smoke tests)\n"
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

}  // namespace

int main(int argc, char** argv) {
  using namespace fm::train;
  std::string data, model_path, metrics_path, oof_path, command = "scripts/train";
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
    else if (a == "--model") value(model_path);
    else if (a == "--metrics") value(metrics_path);
    else if (a == "--oof") value(oof_path);
    else if (a == "--command") value(command);
    else if (a == "--quick") opt.quick = true;
    else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "train: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (data.empty()) {
    std::fprintf(stderr, "train: --data is required\n%s", kUsage);
    return 2;
  }

  auto loaded = load_all(data);
  if (!loaded) {
    std::fprintf(stderr, "train: %s\n", loaded.error().text().c_str());
    return 1;
  }
  const auto& samples = loaded.value();
  std::vector<std::string> groups;
  for (const auto& s : samples) groups.push_back(s.set + "/" + std::to_string(s.label));
  const auto fold = stratified_folds(groups, kFolds, kFoldSeed);
  std::fprintf(stderr, "train: %zu accounts loaded\n", samples.size());

  TierRun full = run_tier(samples, fold, fm::Tier::kFull, opt);
  std::fprintf(stderr, "train: full tier done\n");
  TierRun lite = run_tier(samples, fold, fm::Tier::kLite, opt);
  std::fprintf(stderr, "train: lite tier done\n");

  fm::Model model = make_model(lite, full);
  std::string text = fm::dump_json(fm::model_to_json(model)) + "\n";
  // The engine must read back what we write.
  auto check = fm::model_from_text(text);
  if (!check) {
    std::fprintf(stderr, "train: written model does not load: %s\n", check.error().text().c_str());
    return 1;
  }

  bool ok = true;
  if (!model_path.empty()) ok &= write_file(model_path, text);
  if (!oof_path.empty()) ok &= write_file(oof_path, oof_jsonl(samples, fold, lite, full));
  if (!metrics_path.empty()) {
    ReportInput in{&samples, &lite, &full, model.version, text.size(), command};
    ok &= write_file(metrics_path, metrics_markdown(in) + other_sections(metrics_path));
  }
  std::fprintf(stderr, "train: model %s, %zu bytes\n", model.version.c_str(), text.size());
  return ok ? 0 : 1;
}
