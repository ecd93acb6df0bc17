// Reads the InstaFake real-account set with per-post data (nonautomatedAccountData.json:
// Akyon & Kalfaoglu 2019) into reference accounts. Text in, accounts out; the tools do the I/O.
#pragma once
#include <string>
#include <vector>

#include "engagement_reference.h"

namespace fm::prof {

Result<std::vector<ReferenceAccount>> instafake_accounts_from_text(const std::string& text);

}  // namespace fm::prof
