;; A measured ceiling for wasm SIMD on one core: 12 independent chains a = a * m + c of f32x4.mul and
;; f32x4.add (wasm SIMD has no fused multiply-add, so a product's inner loop is exactly these two operations,
;; 8 FLOPs per chain step), kept in registers (12 accumulators and m, c: 14 of x64's 16 vector registers), with
;; nothing loaded or stored. Each chain waits on its own mul and add latencies; twelve of them keep enough
;; operations in flight to fill the vector ports (measured here: 4 chains run at 43% of this, 8 at 83%).
;; The chains settle at c / (1 - m) = 2 from their different starts, so nothing overflows or turns denormal.
;;
;; run(n): n iterations of two steps of every chain (2 * 12 * 8 = 192 FLOPs an iteration); returns lane 0 of
;; the chains' sum, so the work is used. Assembled by scripts/build-wasm.mjs (the npm package wabt, as
;; @lrkit/core's kernels) into src/simd-peak-wasm.ts.
(module
  (func (export "run") (param $n i32) (result f32)
    (local $m v128) (local $c v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128) (local $a8 v128) (local $a9 v128) (local $a10 v128) (local $a11 v128)
    (local.set $m (v128.const f32x4 0.5 0.5 0.5 0.5))
    (local.set $c (v128.const f32x4 1 1 1 1))
    (local.set $a0 (v128.const f32x4 0 0.25 0.5 0.75))
    (local.set $a1 (v128.const f32x4 1 1.25 1.5 1.75))
    (local.set $a2 (v128.const f32x4 2 2.25 2.5 2.75))
    (local.set $a3 (v128.const f32x4 3 3.25 3.5 3.75))
    (local.set $a4 (v128.const f32x4 4 4.25 4.5 4.75))
    (local.set $a5 (v128.const f32x4 5 5.25 5.5 5.75))
    (local.set $a6 (v128.const f32x4 6 6.25 6.5 6.75))
    (local.set $a7 (v128.const f32x4 7 7.25 7.5 7.75))
    (local.set $a8 (v128.const f32x4 8 8.25 8.5 8.75))
    (local.set $a9 (v128.const f32x4 9 9.25 9.5 9.75))
    (local.set $a10 (v128.const f32x4 10 10.25 10.5 10.75))
    (local.set $a11 (v128.const f32x4 11 11.25 11.5 11.75))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $a0 (f32x4.add (f32x4.mul (local.get $a0) (local.get $m)) (local.get $c)))
        (local.set $a1 (f32x4.add (f32x4.mul (local.get $a1) (local.get $m)) (local.get $c)))
        (local.set $a2 (f32x4.add (f32x4.mul (local.get $a2) (local.get $m)) (local.get $c)))
        (local.set $a3 (f32x4.add (f32x4.mul (local.get $a3) (local.get $m)) (local.get $c)))
        (local.set $a4 (f32x4.add (f32x4.mul (local.get $a4) (local.get $m)) (local.get $c)))
        (local.set $a5 (f32x4.add (f32x4.mul (local.get $a5) (local.get $m)) (local.get $c)))
        (local.set $a6 (f32x4.add (f32x4.mul (local.get $a6) (local.get $m)) (local.get $c)))
        (local.set $a7 (f32x4.add (f32x4.mul (local.get $a7) (local.get $m)) (local.get $c)))
        (local.set $a8 (f32x4.add (f32x4.mul (local.get $a8) (local.get $m)) (local.get $c)))
        (local.set $a9 (f32x4.add (f32x4.mul (local.get $a9) (local.get $m)) (local.get $c)))
        (local.set $a10 (f32x4.add (f32x4.mul (local.get $a10) (local.get $m)) (local.get $c)))
        (local.set $a11 (f32x4.add (f32x4.mul (local.get $a11) (local.get $m)) (local.get $c)))
        (local.set $a0 (f32x4.add (f32x4.mul (local.get $a0) (local.get $m)) (local.get $c)))
        (local.set $a1 (f32x4.add (f32x4.mul (local.get $a1) (local.get $m)) (local.get $c)))
        (local.set $a2 (f32x4.add (f32x4.mul (local.get $a2) (local.get $m)) (local.get $c)))
        (local.set $a3 (f32x4.add (f32x4.mul (local.get $a3) (local.get $m)) (local.get $c)))
        (local.set $a4 (f32x4.add (f32x4.mul (local.get $a4) (local.get $m)) (local.get $c)))
        (local.set $a5 (f32x4.add (f32x4.mul (local.get $a5) (local.get $m)) (local.get $c)))
        (local.set $a6 (f32x4.add (f32x4.mul (local.get $a6) (local.get $m)) (local.get $c)))
        (local.set $a7 (f32x4.add (f32x4.mul (local.get $a7) (local.get $m)) (local.get $c)))
        (local.set $a8 (f32x4.add (f32x4.mul (local.get $a8) (local.get $m)) (local.get $c)))
        (local.set $a9 (f32x4.add (f32x4.mul (local.get $a9) (local.get $m)) (local.get $c)))
        (local.set $a10 (f32x4.add (f32x4.mul (local.get $a10) (local.get $m)) (local.get $c)))
        (local.set $a11 (f32x4.add (f32x4.mul (local.get $a11) (local.get $m)) (local.get $c)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (f32x4.extract_lane 0
      (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (local.get $a2)) (local.get $a3)) (local.get $a4)) (local.get $a5)) (local.get $a6)) (local.get $a7)) (local.get $a8)) (local.get $a9)) (local.get $a10)) (local.get $a11)))))
