#include "spam_model.h"

#include <algorithm>
#include <cstring>

#include "json_util.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// FNV-1a over a kind letter and up to two words: the same bucket natively and in wasm.
uint32_t bucket(char kind, const std::string& a, const std::string& b, uint32_t buckets) {
  uint32_t h = 2166136261u;
  auto mix = [&](unsigned char c) { h = (h ^ c) * 16777619u; };
  mix(static_cast<unsigned char>(kind));
  for (char c : a) mix(static_cast<unsigned char>(c));
  if (!b.empty()) {
    mix(' ');
    for (char c : b) mix(static_cast<unsigned char>(c));
  }
  return h & (buckets - 1);
}

int length_class(size_t code_points) {
  int k = 0;
  for (size_t edge : {10, 30, 80, 160}) k += code_points >= edge;
  return k;
}
}  // namespace

std::vector<uint32_t> spam_features(const TextShape& s, uint32_t buckets) {
  std::vector<uint32_t> f;
  const std::string none;
  for (size_t i = 0; i < s.words.size(); ++i) {
    f.push_back(bucket('w', s.words[i], none, buckets));
    if (i + 1 < s.words.size()) f.push_back(bucket('b', s.words[i], s.words[i + 1], buckets));
  }
  // The shape: how many mentions, links and hashtags, how long, emoji without words.
  const std::string shape[] = {"m" + std::to_string(std::min(s.mentions, 3)),
                               "l" + std::to_string(std::min(s.links, 2)),
                               "h" + std::to_string(std::min(s.hashtags, 3)),
                               "n" + std::to_string(length_class(s.code_points)),
                               s.words.empty() ? "e1" : "e0",
                               "bias"};
  for (const std::string& x : shape) f.push_back(bucket('s', x, none, buckets));
  std::sort(f.begin(), f.end());
  f.erase(std::unique(f.begin(), f.end()), f.end());
  return f;
}

double spam_margin(const SpamModel& m, const std::vector<uint32_t>& features) {
  double z = m.bias;
  for (uint32_t b : features)
    if (b < m.weights.size()) z += m.scale * m.weights[b];
  return z;
}

std::string base64_encode(const std::vector<int8_t>& bytes) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (int8_t v : bytes) {
    acc = (acc << 8) | uint8_t(v);
    bits += 8;
    while (bits >= 6) out += kBase64[(acc >> (bits -= 6)) & 63];
  }
  if (bits > 0) out += kBase64[(acc << (6 - bits)) & 63];
  while (out.size() % 4) out += '=';
  return out;
}

Result<SpamModel> spam_model_from_text(const std::string& text) {
  auto parsed = parse_json(text, "the spam model");
  if (!parsed) return make_error("spam_model.parse", parsed.error().message);
  const json& j = parsed.value();
  SpamModel m;
  double buckets = 0;
  double* numbers[] = {&buckets, &m.bias, &m.scale, &m.threshold, &m.recall, &m.false_alarm};
  const char* keys[] = {"buckets", "bias", "scale", "threshold", "recall", "false_alarm", "version", "weights"};
  for (int i = 0; i < 8; ++i) {
    auto it = j.is_object() ? j.find(keys[i]) : j.end();
    if (it == j.end() || (i < 6 ? !it->is_number() : !it->is_string()))
      return make_error("spam_model.field", std::string("the spam model's '") + keys[i] + "' is missing or malformed");
    if (i < 6) *numbers[i] = it->get<double>();
    else if (i == 6) m.version = it->get<std::string>();
  }
  m.buckets = uint32_t(buckets);
  if (buckets < 1 || buckets > (1 << 20) || m.buckets != buckets || (m.buckets & (m.buckets - 1)))
    return make_error("spam_model.field", "the spam model's 'buckets' must be a power of two");
  uint32_t acc = 0;
  int bits = 0;
  for (char c : j["weights"].get_ref<const std::string&>()) {
    if (c == '=') break;
    const char* p = c ? std::strchr(kBase64, c) : nullptr;
    if (!p) return make_error("spam_model.weights", "the spam model's weights are not base64");
    acc = (acc << 6) | uint32_t(p - kBase64);
    bits += 6;
    if (bits >= 8) m.weights.push_back(int8_t(uint8_t(acc >> (bits -= 8))));
  }
  if (m.weights.size() != m.buckets)
    return make_error("spam_model.weights", "the spam model has " + std::to_string(m.weights.size()) + " weights for " +
                                                std::to_string(m.buckets) + " buckets");
  return m;
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
