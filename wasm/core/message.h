// A sentence for people, as the engine hands it out: a stable id and its parameters (numbers,
// or other messages), never prose. The extension words it in the user's language and the CLI in
// English, both from _locales/<lang>/messages.json; MESSAGES.md (beside this file) describes the
// scheme, and the tests check every id has its wording in every shipped language.
#pragma once
#include <initializer_list>

#include "json_util.h"

namespace fm {

// One numeric parameter: whole numbers are written as integers.
struct Param {
  const char* key;
  double value;
  template <typename T>
  Param(const char* k, T v) : key(k), value(double(v)) {}
};

// {"id": id, "params": {...}}. Ids are "<namespace>.<name>", lower case with underscores
// (e.g. "engagement.far_below"); the namespaces are listed in MESSAGES.md. Built out of line
// from a plain list: a json initializer list at every call site costs the engine kilobytes.
json message(const char* id, std::initializer_list<Param> params = {});
// The same with parameters already made (e.g. a message as a parameter).
json message_with(const char* id, json params);
// The parameters alone, as message() writes them.
json params_json(std::initializer_list<Param> params);

}  // namespace fm
