;; PCG64 (XSL-RR 128/64, NumPy's default bit generator) drawing dropout masks.
;; The 128-bit state lives in globals while a call runs and in memory between
;; calls, so one instance serves any number of streams (the caller swaps the
;; state in and out). 64x64 -> 128-bit products are built from 32-bit halves:
;; WebAssembly has no widening multiply.
;;
;; Memory: bytes 0..40 hold the stream: state lo (i64), state hi, inc lo,
;; inc hi, has32 (i32), buffered upper half (i32). Results start at DATA = 64.
(module
  (memory (export "memory") 2)
  (global $lo (mut i64) (i64.const 0))
  (global $hi (mut i64) (i64.const 0))
  (global $incLo (mut i64) (i64.const 0))
  (global $incHi (mut i64) (i64.const 0))

  (func $load
    (global.set $lo (i64.load (i32.const 0)))
    (global.set $hi (i64.load (i32.const 8)))
    (global.set $incLo (i64.load (i32.const 16)))
    (global.set $incHi (i64.load (i32.const 24))))

  (func $save
    (i64.store (i32.const 0) (global.get $lo))
    (i64.store (i32.const 8) (global.get $hi)))

  ;; state = state * M + inc (mod 2^128), then the XSL-RR output of the new state.
  ;; M = 0x2360ed051fc65da4_4385df649fccf645.
  (func $next (result i64)
    (local $lo i64) (local $a0 i64) (local $a1 i64)
    (local $p00 i64) (local $p01 i64) (local $p10 i64) (local $mulHi i64)
    (local $nlo i64) (local $nhi i64)
    (local.set $lo (global.get $lo))
    (local.set $a0 (i64.and (local.get $lo) (i64.const 0xffffffff)))
    (local.set $a1 (i64.shr_u (local.get $lo) (i64.const 32)))
    (local.set $p00 (i64.mul (local.get $a0) (i64.const 0x9fccf645)))
    (local.set $p01 (i64.mul (local.get $a0) (i64.const 0x4385df64)))
    (local.set $p10 (i64.mul (local.get $a1) (i64.const 0x9fccf645)))
    ;; high 64 bits of lo * M_lo
    (local.set $mulHi
      (i64.add
        (i64.add
          (i64.mul (local.get $a1) (i64.const 0x4385df64))
          (i64.add (i64.shr_u (local.get $p01) (i64.const 32)) (i64.shr_u (local.get $p10) (i64.const 32))))
        (i64.shr_u
          (i64.add
            (i64.shr_u (local.get $p00) (i64.const 32))
            (i64.add (i64.and (local.get $p01) (i64.const 0xffffffff)) (i64.and (local.get $p10) (i64.const 0xffffffff))))
          (i64.const 32))))
    (local.set $nlo (i64.add (i64.mul (local.get $lo) (i64.const 0x4385df649fccf645)) (global.get $incLo)))
    (local.set $nhi
      (i64.add
        (i64.add
          (i64.add (i64.mul (global.get $hi) (i64.const 0x4385df649fccf645))
                   (i64.mul (local.get $lo) (i64.const 0x2360ed051fc65da4)))
          (i64.add (local.get $mulHi) (global.get $incHi)))
        (i64.extend_i32_u (i64.lt_u (local.get $nlo) (global.get $incLo)))))
    (global.set $lo (local.get $nlo))
    (global.set $hi (local.get $nhi))
    (i64.rotr (i64.xor (local.get $nhi) (local.get $nlo)) (i64.shr_u (local.get $nhi) (i64.const 58))))

;; The mask loops below step the stream inline, on locals, rather than through
  ;; $next: one call and four global reads and writes per draw cost about as
  ;; much as the step itself. They compare integers: (u >> s) * 2^-b < keep
  ;; holds exactly when (u >> s) < ceil(keep * 2^b), the threshold the caller
  ;; passes, so no draw is converted to a float.

  ;; mask[i] = (u64 >> 11) * 2^-53 < keep, one draw per element (random(), float64);
  ;; $limit = ceil(keep * 2^53), exact in a double.
  (func (export "keepF64") (param $n i32) (param $limit f64)
    (local $i i32) (local $t i64)
    (local $lo i64) (local $hi i64) (local $incLo i64) (local $incHi i64)
    (local $a0 i64) (local $a1 i64) (local $p00 i64) (local $p01 i64) (local $p10 i64) (local $nlo i64)
    (local.set $t (i64.trunc_f64_u (local.get $limit)))
    (local.set $lo (i64.load (i32.const 0)))
    (local.set $hi (i64.load (i32.const 8)))
    (local.set $incLo (i64.load (i32.const 16)))
    (local.set $incHi (i64.load (i32.const 24)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; the step, as in $next
        (local.set $a0 (i64.and (local.get $lo) (i64.const 0xffffffff)))
        (local.set $a1 (i64.shr_u (local.get $lo) (i64.const 32)))
        (local.set $p00 (i64.mul (local.get $a0) (i64.const 0x9fccf645)))
        (local.set $p01 (i64.mul (local.get $a0) (i64.const 0x4385df64)))
        (local.set $p10 (i64.mul (local.get $a1) (i64.const 0x9fccf645)))
        (local.set $nlo (i64.add (i64.mul (local.get $lo) (i64.const 0x4385df649fccf645)) (local.get $incLo)))
        (local.set $hi
          (i64.add
            (i64.add
              (i64.add (i64.mul (local.get $hi) (i64.const 0x4385df649fccf645))
                       (i64.mul (local.get $lo) (i64.const 0x2360ed051fc65da4)))
              (i64.add
                (i64.add
                  (i64.add
                    (i64.mul (local.get $a1) (i64.const 0x4385df64))
                    (i64.add (i64.shr_u (local.get $p01) (i64.const 32)) (i64.shr_u (local.get $p10) (i64.const 32))))
                  (i64.shr_u
                    (i64.add
                      (i64.shr_u (local.get $p00) (i64.const 32))
                      (i64.add (i64.and (local.get $p01) (i64.const 0xffffffff)) (i64.and (local.get $p10) (i64.const 0xffffffff))))
                    (i64.const 32)))
                (local.get $incHi)))
            (i64.extend_i32_u (i64.lt_u (local.get $nlo) (local.get $incLo)))))
        (local.set $lo (local.get $nlo))
        (i32.store8 offset=64 (local.get $i)
          (i64.lt_u
            (i64.shr_u
              (i64.rotr (i64.xor (local.get $hi) (local.get $lo)) (i64.shr_u (local.get $hi) (i64.const 58)))
              (i64.const 11))
            (local.get $t)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i64.store (i32.const 0) (local.get $lo))
    (i64.store (i32.const 8) (local.get $hi)))

  ;; mask[i] = (u32 >> 8) * 2^-24 < keep in float32 (random(dtype=float32)): the
  ;; u32s are the low half of a draw, then its high half, buffered across calls.
  ;; $limit = ceil(f32(keep) * 2^24).
  (func (export "keepF32") (param $n i32) (param $limit i32)
    (local $i i32) (local $v i64)
    (local $lo i64) (local $hi i64) (local $incLo i64) (local $incHi i64)
    (local $a0 i64) (local $a1 i64) (local $p00 i64) (local $p01 i64) (local $p10 i64) (local $nlo i64)
    ;; a half buffered by the previous call goes first
    (if (i32.and (i32.gt_u (local.get $n) (i32.const 0)) (i32.ne (i32.load (i32.const 32)) (i32.const 0)))
      (then
        (i32.store8 offset=64 (i32.const 0)
          (i32.lt_u (i32.shr_u (i32.load (i32.const 36)) (i32.const 8)) (local.get $limit)))
        (i32.store (i32.const 32) (i32.const 0))
        (local.set $i (i32.const 1))))
    (local.set $lo (i64.load (i32.const 0)))
    (local.set $hi (i64.load (i32.const 8)))
    (local.set $incLo (i64.load (i32.const 16)))
    (local.set $incHi (i64.load (i32.const 24)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        ;; the step, as in $next
        (local.set $a0 (i64.and (local.get $lo) (i64.const 0xffffffff)))
        (local.set $a1 (i64.shr_u (local.get $lo) (i64.const 32)))
        (local.set $p00 (i64.mul (local.get $a0) (i64.const 0x9fccf645)))
        (local.set $p01 (i64.mul (local.get $a0) (i64.const 0x4385df64)))
        (local.set $p10 (i64.mul (local.get $a1) (i64.const 0x9fccf645)))
        (local.set $nlo (i64.add (i64.mul (local.get $lo) (i64.const 0x4385df649fccf645)) (local.get $incLo)))
        (local.set $hi
          (i64.add
            (i64.add
              (i64.add (i64.mul (local.get $hi) (i64.const 0x4385df649fccf645))
                       (i64.mul (local.get $lo) (i64.const 0x2360ed051fc65da4)))
              (i64.add
                (i64.add
                  (i64.add
                    (i64.mul (local.get $a1) (i64.const 0x4385df64))
                    (i64.add (i64.shr_u (local.get $p01) (i64.const 32)) (i64.shr_u (local.get $p10) (i64.const 32))))
                  (i64.shr_u
                    (i64.add
                      (i64.shr_u (local.get $p00) (i64.const 32))
                      (i64.add (i64.and (local.get $p01) (i64.const 0xffffffff)) (i64.and (local.get $p10) (i64.const 0xffffffff))))
                    (i64.const 32)))
                (local.get $incHi)))
            (i64.extend_i32_u (i64.lt_u (local.get $nlo) (local.get $incLo)))))
        (local.set $lo (local.get $nlo))
        (local.set $v (i64.rotr (i64.xor (local.get $hi) (local.get $lo)) (i64.shr_u (local.get $hi) (i64.const 58))))
        ;; both mask bytes in one store: the low half's, then the high half's
        (i32.store16 offset=64 (local.get $i)
          (i32.or
            (i32.lt_u (i32.shr_u (i32.wrap_i64 (local.get $v)) (i32.const 8)) (local.get $limit))
            (i32.shl
              (i32.lt_u (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 40))) (local.get $limit))
              (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pair)))
    (i64.store (i32.const 0) (local.get $lo))
    (i64.store (i32.const 8) (local.get $hi))
    ;; an odd element left: draw, use the low half, buffer the high half
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (call $load)
        (local.set $v (call $next))
        (call $save)
        (i32.store8 offset=64 (local.get $i)
          (i32.lt_u (i32.shr_u (i32.wrap_i64 (local.get $v)) (i32.const 8)) (local.get $limit)))
        (i32.store (i32.const 32) (i32.const 1))
        (i32.store (i32.const 36) (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 32)))))))

  ;; n doubles random() would return, at DATA (n <= 8192 per call).
  (func (export "uniformF64") (param $n i32)
    (local $i i32)
    (call $load)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f64.store offset=64 (i32.shl (local.get $i) (i32.const 3))
          (f64.mul (f64.convert_i64_u (i64.shr_u (call $next) (i64.const 11))) (f64.const 0x1p-53)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (call $save))
)
