;; The "fast" convention's fused float32 dropout in WebAssembly SIMD: four
;; xoshiro128** lanes advance together, one block of four uniforms per four
;; elements (see xoshiro128.ts for the stream and fast.ts for the JavaScript
;; loops, which compute the same masks and outputs).
;;
;; Memory (three pages), all little-endian:
;;      0  lane states: s0 of lanes 0..3, then s1, s2, s3 (4 x i32x4)
;;     64  sums of each block of 4096 elements (CHUNK / 4096 blocks, 64 bytes
;;         each): f64x2 each (add the two lanes) of output, x * mask, x, x^2
;;    512  x        (CHUNK float32)
;;  66048  output   (CHUNK float32)
;; 131584  mask     (CHUNK bytes, 1 = kept)
;; with CHUNK = 16384 elements: a call's inputs and outputs stay in L2 and
;; the calls and copies are few, while the sums are handed over per 4096
;; elements (the order the statistics are defined in).
;;
;; dropoutF32(n16, limit, scale, sumOut) processes 16 * n16 elements (four
;; blocks per loop turn, so the sixteen mask bytes go out in one store) and
;; returns the number kept. With sumOut = 0 the output's sums are skipped (left
;; +0): when scale is a power of two the caller derives them exactly from the
;; x * mask sums, saving a tenth of the work.
;;
;; kept <=> (u >>> 1) < limit as unsigned (limit = 2^31 keeps all), taken as
;; the sign of (u >>> 1) - limit in int32 (one subtract and one arithmetic
;; shift; SIMD has no cheap unsigned compare). out = f32(x * (kept ?
;; scale : +0)), so a dropped NaN or infinity gives NaN and a dropped negative
;; -0, as torch's x * mask does; it is computed as (x * m) * scale, which is the
;; same float32 for every x since x * 1 = x and scale > 0. The sums are in
;; float64, exact per element, added in lane order within each block of 4096
;; elements (256 loop turns) and stored per block: block b at 64 + 64 b.
;;
;; Rebuild after editing (Debian package wabt): wat2wasm fastSimd.wat -o fastSimd.wasm,
;; then put `xxd -p fastSimd.wasm | tr -d '\n'` into fastSimdBytes.ts.
(module
  (memory (export "memory") 3)
  (func (export "dropoutF32") (param $n16 i32) (param $limit i32) (param $scale f32) (param $sumOut i32) (result i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $r v128) (local $u v128) (local $t v128) (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $x v128) (local $y v128) (local $xm v128) (local $lo v128) (local $hi v128)
    (local $lim v128) (local $sc v128)
    (local $aO v128) (local $aU v128) (local $aX v128) (local $aQ v128) (local $kept v128)
    (local $j i32) (local $p i32) (local $q i32)
    (local.set $s0 (v128.load offset=0 (i32.const 0)))
    (local.set $s1 (v128.load offset=16 (i32.const 0)))
    (local.set $s2 (v128.load offset=32 (i32.const 0)))
    (local.set $s3 (v128.load offset=48 (i32.const 0)))
    (local.set $lim (i32x4.splat (local.get $limit)))
    (local.set $sc (f32x4.splat (local.get $scale)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $n16)))
        (local.set $p (i32.shl (local.get $j) (i32.const 6)))
        ;; vector 0: elements 16j + 4*0 .. +3; u = rotl(s1 * 5, 7) * 9 with the products as shift-adds
        (local.set $r (i32x4.add (i32x4.shl (local.get $s1) (i32.const 2)) (local.get $s1)))
        (local.set $r (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u (i32x4.add (i32x4.shl (local.get $r) (i32.const 3)) (local.get $r)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        ;; kept lanes -1: the sign of (u >>> 1) - limit, as fast.ts computes it
        (local.set $m0 (i32x4.shr_s (i32x4.sub (i32x4.shr_u (local.get $u) (i32.const 1)) (local.get $lim)) (i32.const 31)))
        (local.set $x (v128.load offset=512 (local.get $p)))
        ;; x * m (x, or x * 0: NaN for NaN or infinity, -0 for a negative); out = (x * m) * scale is x * (m ? scale : 0)
        (local.set $xm (f32x4.mul (local.get $x) (v128.and (local.get $m0) (v128.const f32x4 1 1 1 1))))
        (local.set $y (f32x4.mul (local.get $xm) (local.get $sc)))
        (v128.store offset=66048 (local.get $p) (local.get $y))
        (if (local.get $sumOut)
          (then
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $y)))
            (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))
            (local.set $aO (f64x2.add (local.get $aO) (f64x2.add (local.get $lo) (local.get $hi))))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $xm)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $xm) (local.get $xm))))
        (local.set $aU (f64x2.add (local.get $aU) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))
        (local.set $aX (f64x2.add (local.get $aX) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $aQ (f64x2.add (local.get $aQ)
          (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))
        ;; vector 1: elements 16j + 4*1 .. +3; u = rotl(s1 * 5, 7) * 9 with the products as shift-adds
        (local.set $r (i32x4.add (i32x4.shl (local.get $s1) (i32.const 2)) (local.get $s1)))
        (local.set $r (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u (i32x4.add (i32x4.shl (local.get $r) (i32.const 3)) (local.get $r)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        ;; kept lanes -1: the sign of (u >>> 1) - limit, as fast.ts computes it
        (local.set $m1 (i32x4.shr_s (i32x4.sub (i32x4.shr_u (local.get $u) (i32.const 1)) (local.get $lim)) (i32.const 31)))
        (local.set $x (v128.load offset=528 (local.get $p)))
        ;; x * m (x, or x * 0: NaN for NaN or infinity, -0 for a negative); out = (x * m) * scale is x * (m ? scale : 0)
        (local.set $xm (f32x4.mul (local.get $x) (v128.and (local.get $m1) (v128.const f32x4 1 1 1 1))))
        (local.set $y (f32x4.mul (local.get $xm) (local.get $sc)))
        (v128.store offset=66064 (local.get $p) (local.get $y))
        (if (local.get $sumOut)
          (then
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $y)))
            (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))
            (local.set $aO (f64x2.add (local.get $aO) (f64x2.add (local.get $lo) (local.get $hi))))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $xm)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $xm) (local.get $xm))))
        (local.set $aU (f64x2.add (local.get $aU) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))
        (local.set $aX (f64x2.add (local.get $aX) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $aQ (f64x2.add (local.get $aQ)
          (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))
        ;; vector 2: elements 16j + 4*2 .. +3; u = rotl(s1 * 5, 7) * 9 with the products as shift-adds
        (local.set $r (i32x4.add (i32x4.shl (local.get $s1) (i32.const 2)) (local.get $s1)))
        (local.set $r (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u (i32x4.add (i32x4.shl (local.get $r) (i32.const 3)) (local.get $r)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        ;; kept lanes -1: the sign of (u >>> 1) - limit, as fast.ts computes it
        (local.set $m2 (i32x4.shr_s (i32x4.sub (i32x4.shr_u (local.get $u) (i32.const 1)) (local.get $lim)) (i32.const 31)))
        (local.set $x (v128.load offset=544 (local.get $p)))
        ;; x * m (x, or x * 0: NaN for NaN or infinity, -0 for a negative); out = (x * m) * scale is x * (m ? scale : 0)
        (local.set $xm (f32x4.mul (local.get $x) (v128.and (local.get $m2) (v128.const f32x4 1 1 1 1))))
        (local.set $y (f32x4.mul (local.get $xm) (local.get $sc)))
        (v128.store offset=66080 (local.get $p) (local.get $y))
        (if (local.get $sumOut)
          (then
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $y)))
            (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))
            (local.set $aO (f64x2.add (local.get $aO) (f64x2.add (local.get $lo) (local.get $hi))))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $xm)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $xm) (local.get $xm))))
        (local.set $aU (f64x2.add (local.get $aU) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))
        (local.set $aX (f64x2.add (local.get $aX) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $aQ (f64x2.add (local.get $aQ)
          (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))
        ;; vector 3: elements 16j + 4*3 .. +3; u = rotl(s1 * 5, 7) * 9 with the products as shift-adds
        (local.set $r (i32x4.add (i32x4.shl (local.get $s1) (i32.const 2)) (local.get $s1)))
        (local.set $r (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u (i32x4.add (i32x4.shl (local.get $r) (i32.const 3)) (local.get $r)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        ;; kept lanes -1: the sign of (u >>> 1) - limit, as fast.ts computes it
        (local.set $m3 (i32x4.shr_s (i32x4.sub (i32x4.shr_u (local.get $u) (i32.const 1)) (local.get $lim)) (i32.const 31)))
        (local.set $x (v128.load offset=560 (local.get $p)))
        ;; x * m (x, or x * 0: NaN for NaN or infinity, -0 for a negative); out = (x * m) * scale is x * (m ? scale : 0)
        (local.set $xm (f32x4.mul (local.get $x) (v128.and (local.get $m3) (v128.const f32x4 1 1 1 1))))
        (local.set $y (f32x4.mul (local.get $xm) (local.get $sc)))
        (v128.store offset=66096 (local.get $p) (local.get $y))
        (if (local.get $sumOut)
          (then
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $y)))
            (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))
            (local.set $aO (f64x2.add (local.get $aO) (f64x2.add (local.get $lo) (local.get $hi))))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $xm)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $xm) (local.get $xm))))
        (local.set $aU (f64x2.add (local.get $aU) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))
        (local.set $aX (f64x2.add (local.get $aX) (f64x2.add (local.get $lo) (local.get $hi))))
        (local.set $aQ (f64x2.add (local.get $aQ)
          (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))

        ;; sixteen mask bytes: kept lanes are -1, narrowed with signed saturation to 0xff, then & 1
        (v128.store offset=131584 (i32.shl (local.get $j) (i32.const 4))
          (v128.and
            (i8x16.narrow_i16x8_s
              (i16x8.narrow_i32x4_s (local.get $m0) (local.get $m1))
              (i16x8.narrow_i32x4_s (local.get $m2) (local.get $m3)))
            (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1)))
        (local.set $kept (i32x4.sub (i32x4.sub (local.get $kept) (local.get $m0)) (local.get $m1)))
        (local.set $kept (i32x4.sub (i32x4.sub (local.get $kept) (local.get $m2)) (local.get $m3)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        ;; a block of 4096 elements done: store its sums, start the next from +0
        (if (i32.eqz (i32.and (local.get $j) (i32.const 255)))
          (then
            (local.set $q (i32.shl (i32.sub (i32.shr_u (local.get $j) (i32.const 8)) (i32.const 1)) (i32.const 6)))
            (v128.store offset=64 (local.get $q) (local.get $aO))
            (v128.store offset=80 (local.get $q) (local.get $aU))
            (v128.store offset=96 (local.get $q) (local.get $aX))
            (v128.store offset=112 (local.get $q) (local.get $aQ))
            (local.set $aO (v128.const i64x2 0 0))
            (local.set $aU (v128.const i64x2 0 0))
            (local.set $aX (v128.const i64x2 0 0))
            (local.set $aQ (v128.const i64x2 0 0))))
        (br $next)))
    ;; the last, partial block
    (if (i32.and (local.get $j) (i32.const 255))
      (then
            (local.set $q (i32.shl (i32.shr_u (local.get $j) (i32.const 8)) (i32.const 6)))
            (v128.store offset=64 (local.get $q) (local.get $aO))
            (v128.store offset=80 (local.get $q) (local.get $aU))
            (v128.store offset=96 (local.get $q) (local.get $aX))
            (v128.store offset=112 (local.get $q) (local.get $aQ))
            (local.set $aO (v128.const i64x2 0 0))
            (local.set $aU (v128.const i64x2 0 0))
            (local.set $aX (v128.const i64x2 0 0))
            (local.set $aQ (v128.const i64x2 0 0))))
    (v128.store offset=0 (i32.const 0) (local.get $s0))
    (v128.store offset=16 (i32.const 0) (local.get $s1))
    (v128.store offset=32 (i32.const 0) (local.get $s2))
    (v128.store offset=48 (i32.const 0) (local.get $s3))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $kept)) (i32x4.extract_lane 1 (local.get $kept)))
      (i32.add (i32x4.extract_lane 2 (local.get $kept)) (i32x4.extract_lane 3 (local.get $kept))))))
