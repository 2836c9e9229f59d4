;; MT19937's twist and tempering in WebAssembly SIMD, four words at a time:
;; the block of 624 new state words and their 624 tempered outputs that
;; mt19937.ts otherwise computes in JavaScript (same words, bit for bit).
;;
;; Memory (one page): state at byte 0 (624 x i32), tempered outputs at byte
;; 2496 (624 x i32).
;;
;; The recurrence s[k] = s[k + 397 mod 624] ^ twist(s[k], s[k + 1]) reads
;; s[k + 1] before it is rewritten and, for k >= 227, the already-new
;; s[k - 227]; four consecutive k at a time keep both true, except across
;; k = 224..227, which runs one word at a time, as does k = 623.
;;
;; Rebuild after editing (Debian package wabt): wat2wasm mtTwistSimd.wat -o mtTwistSimd.wasm,
;; then put `xxd -p mtTwistSimd.wasm | tr -d '\n'` into mtTwistSimdBytes.ts.
(module
  (memory (export "memory") 1)

  ;; twist(a, b) = (((a & 0x80000000) | (b & 0x7fffffff)) >>> 1) ^ (b & 1 ? 0x9908b0df : 0)
  (func $twist1 (param $a i32) (param $b i32) (result i32)
    (i32.xor
      (i32.shr_u (i32.or (i32.and (local.get $a) (i32.const 0x80000000)) (i32.and (local.get $b) (i32.const 0x7fffffff))) (i32.const 1))
      (i32.and (i32.sub (i32.const 0) (i32.and (local.get $b) (i32.const 1))) (i32.const 0x9908b0df))))

  (func $twist4 (param $a v128) (param $b v128) (result v128)
    (v128.xor
      (i32x4.shr_u
        (v128.or
          (v128.and (local.get $a) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
          (v128.and (local.get $b) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)))
        (i32.const 1))
      (v128.and
        (i32x4.neg (v128.and (local.get $b) (v128.const i32x4 1 1 1 1)))
        (v128.const i32x4 0x9908b0df 0x9908b0df 0x9908b0df 0x9908b0df))))

  ;; one scalar step: s[k] = s[other] ^ twist(s[k], s[k + 1 mod 624]), byte offsets
  (func $step1 (param $k i32) (param $next i32) (param $other i32)
    (i32.store (local.get $k)
      (i32.xor (i32.load (local.get $other))
        (call $twist1 (i32.load (local.get $k)) (i32.load (local.get $next))))))

  (func (export "twist")
    (local $k i32) (local $t v128)
    ;; k = 0 .. 223: s[k + 397] is still old
    (block $done1
      (loop $next1
        (br_if $done1 (i32.ge_u (local.get $k) (i32.const 896)))
        (v128.store (local.get $k)
          (v128.xor (v128.load offset=1588 (local.get $k))
            (call $twist4 (v128.load (local.get $k)) (v128.load offset=4 (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $next1)))
    ;; k = 224, 225, 226 (s[k + 397]) and 227 (s[0], already new), one at a time
    (call $step1 (i32.const 896) (i32.const 900) (i32.const 2484))
    (call $step1 (i32.const 900) (i32.const 904) (i32.const 2488))
    (call $step1 (i32.const 904) (i32.const 908) (i32.const 2492))
    (call $step1 (i32.const 908) (i32.const 912) (i32.const 0))
    ;; k = 228 .. 619: s[k - 227] is already new, s[k + 4] (at most s[620]) still old
    (local.set $k (i32.const 912))
    (block $done2
      (loop $next2
        (br_if $done2 (i32.ge_u (local.get $k) (i32.const 2480)))
        (v128.store (local.get $k)
          (v128.xor (v128.load offset=0 (i32.sub (local.get $k) (i32.const 908)))
            (call $twist4 (v128.load (local.get $k)) (v128.load offset=4 (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $next2)))
    ;; k = 620, 621, 622 and 623 (whose next word is the new s[0])
    (call $step1 (i32.const 2480) (i32.const 2484) (i32.const 1572))
    (call $step1 (i32.const 2484) (i32.const 2488) (i32.const 1576))
    (call $step1 (i32.const 2488) (i32.const 2492) (i32.const 1580))
    (call $step1 (i32.const 2492) (i32.const 0) (i32.const 1584))
    ;; tempering
    (local.set $k (i32.const 0))
    (block $done3
      (loop $next3
        (br_if $done3 (i32.ge_u (local.get $k) (i32.const 2496)))
        (local.set $t (v128.load (local.get $k)))
        (local.set $t (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 11))))
        (local.set $t (v128.xor (local.get $t)
          (v128.and (i32x4.shl (local.get $t) (i32.const 7)) (v128.const i32x4 0x9d2c5680 0x9d2c5680 0x9d2c5680 0x9d2c5680))))
        (local.set $t (v128.xor (local.get $t)
          (v128.and (i32x4.shl (local.get $t) (i32.const 15)) (v128.const i32x4 0xefc60000 0xefc60000 0xefc60000 0xefc60000))))
        (local.set $t (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 18))))
        (v128.store offset=2496 (local.get $k) (local.get $t))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $next3)))))
