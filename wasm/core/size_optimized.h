// Code off the scoring hot path (profile analysis, audience estimate, model loading) runs a
// few times per page, not 10,000 times a second: in the wasm engine it is built for size.
// FM_SIZE_OPTIMIZED_BEGIN/END go after a file's #includes, so only that file's own functions
// are marked `minsize`; the header templates they share with the hot path stay as fast as the
// rest of the build (per-file -Oz made the linker keep slow copies of those and halved scoring
// speed). Native builds ignore the marks.
#pragma once

#if defined(__EMSCRIPTEN__) && defined(__clang__)
#define FM_SIZE_OPTIMIZED_BEGIN _Pragma("clang attribute push(__attribute__((minsize)), apply_to = function)")
#define FM_SIZE_OPTIMIZED_END _Pragma("clang attribute pop")
#else
#define FM_SIZE_OPTIMIZED_BEGIN
#define FM_SIZE_OPTIMIZED_END
#endif
