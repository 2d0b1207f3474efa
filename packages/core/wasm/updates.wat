;; lrkit's optimizer updates (torch 1.13's single-tensor Adam/AdamW and SGD) as WebAssembly SIMD, run on
;; tfjs-wasm's own heap: the module imports the backend's memory, and every pointer is a byte offset into it
;; (a tensor's `memoryOffset`). Four floats per step, then the remainder one at a time.
;;
;; The arithmetic is the TypeScript reference's (src/kernels/adamUpdate.ts, sgdUpdate.ts) op for op: f32x4
;; mul, add, div and sqrt are IEEE 754 operations rounded to float32, exactly what Math.fround gives after
;; each JavaScript op, so the results are the same bits. There is no FMA in wasm SIMD, so nothing contracts.
;; Branches on the scalars (decay, l2, weight decay, momentum) are the reference's own and are the same for
;; every element.
;;
;; Built by scripts/build-wasm.mjs (the npm package wabt) into src/kernels/wasm-updates.ts.
(module
  (import "env" "memory" (memory 0))

  ;; adam(param, grad, expAvg, expAvgSq, out, n, b1, b2, 1-b1, 1-b2, eps, sqrt(1-b2^t), -lr/(1-b1^t), decay, l2)
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $o i32) (param $n i32)
    (param $b1 f32) (param $b2 f32) (param $omb1 f32) (param $omb2 f32) (param $eps f32) (param $bc2 f32)
    (param $neg f32) (param $decay f32) (param $l2 f32)
    (local $i i32) (local $end i32) (local $at i32)
    (local $P v128) (local $G v128) (local $M v128) (local $V v128)
    (local $sp f32) (local $sg f32) (local $sm f32) (local $sv f32)
    (local.set $end (i32.and (local.get $n) (i32.const -4)))
    (block $vdone
      (loop $vnext
        (br_if $vdone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $P (v128.load (i32.add (local.get $p) (local.get $at))))
        (if (f32.ne (local.get $decay) (f32.const 1))
          (then (local.set $P (f32x4.mul (local.get $P) (f32x4.splat (local.get $decay))))))
        (local.set $G (v128.load (i32.add (local.get $g) (local.get $at))))
        (if (f32.ne (local.get $l2) (f32.const 0))
          (then (local.set $G (f32x4.add (local.get $G) (f32x4.mul (f32x4.splat (local.get $l2)) (local.get $P))))))
        (local.set $M
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $at))) (f32x4.splat (local.get $b1)))
            (f32x4.mul (f32x4.splat (local.get $omb1)) (local.get $G))))
        (local.set $V
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $at))) (f32x4.splat (local.get $b2)))
            (f32x4.mul (f32x4.mul (f32x4.splat (local.get $omb2)) (local.get $G)) (local.get $G))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $M))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $V))
        (v128.store (i32.add (local.get $o) (local.get $at))
          (f32x4.add (local.get $P)
            (f32x4.mul (f32x4.splat (local.get $neg))
              (f32x4.div (local.get $M)
                (f32x4.add (f32x4.div (f32x4.sqrt (local.get $V)) (f32x4.splat (local.get $bc2))) (f32x4.splat (local.get $eps)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vnext)))
    (block $sdone
      (loop $snext
        (br_if $sdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $sp (f32.load (i32.add (local.get $p) (local.get $at))))
        (if (f32.ne (local.get $decay) (f32.const 1))
          (then (local.set $sp (f32.mul (local.get $sp) (local.get $decay)))))
        (local.set $sg (f32.load (i32.add (local.get $g) (local.get $at))))
        (if (f32.ne (local.get $l2) (f32.const 0))
          (then (local.set $sg (f32.add (local.get $sg) (f32.mul (local.get $l2) (local.get $sp))))))
        (local.set $sm
          (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $at))) (local.get $b1))
                   (f32.mul (local.get $omb1) (local.get $sg))))
        (local.set $sv
          (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $at))) (local.get $b2))
                   (f32.mul (f32.mul (local.get $omb2) (local.get $sg)) (local.get $sg))))
        (f32.store (i32.add (local.get $m) (local.get $at)) (local.get $sm))
        (f32.store (i32.add (local.get $v) (local.get $at)) (local.get $sv))
        (f32.store (i32.add (local.get $o) (local.get $at))
          (f32.add (local.get $sp)
            (f32.mul (local.get $neg)
              (f32.div (local.get $sm)
                (f32.add (f32.div (f32.sqrt (local.get $sv)) (local.get $bc2)) (local.get $eps))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $snext))))

  ;; sgd(param, grad, buf, out, n, wd, momentum, 1-dampening, -lr, nesterov, initializeBuffer, hasBuf)
  (func (export "sgd")
    (param $p i32) (param $g i32) (param $b i32) (param $o i32) (param $n i32)
    (param $wd f32) (param $mom f32) (param $omd f32) (param $neg f32)
    (param $nesterov i32) (param $init i32) (param $hasBuf i32)
    (local $i i32) (local $end i32) (local $at i32)
    (local $P v128) (local $D v128) (local $B v128)
    (local $sp f32) (local $sd f32) (local $sb f32)
    (local.set $end (i32.and (local.get $n) (i32.const -4)))
    (block $vdone
      (loop $vnext
        (br_if $vdone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $P (v128.load (i32.add (local.get $p) (local.get $at))))
        (local.set $D (v128.load (i32.add (local.get $g) (local.get $at))))
        (if (f32.ne (local.get $wd) (f32.const 0))
          (then (local.set $D (f32x4.add (local.get $D) (f32x4.mul (f32x4.splat (local.get $wd)) (local.get $P))))))
        (if (local.get $hasBuf)
          (then
            (if (local.get $init)
              (then (local.set $B (local.get $D)))
              (else (local.set $B
                (f32x4.add
                  (f32x4.mul (v128.load (i32.add (local.get $b) (local.get $at))) (f32x4.splat (local.get $mom)))
                  (f32x4.mul (f32x4.splat (local.get $omd)) (local.get $D))))))
            (v128.store (i32.add (local.get $b) (local.get $at)) (local.get $B))
            (if (local.get $nesterov)
              (then (local.set $D (f32x4.add (local.get $D) (f32x4.mul (f32x4.splat (local.get $mom)) (local.get $B)))))
              (else (local.set $D (local.get $B))))))
        (v128.store (i32.add (local.get $o) (local.get $at))
          (f32x4.add (local.get $P) (f32x4.mul (f32x4.splat (local.get $neg)) (local.get $D))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vnext)))
    (block $sdone
      (loop $snext
        (br_if $sdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $sp (f32.load (i32.add (local.get $p) (local.get $at))))
        (local.set $sd (f32.load (i32.add (local.get $g) (local.get $at))))
        (if (f32.ne (local.get $wd) (f32.const 0))
          (then (local.set $sd (f32.add (local.get $sd) (f32.mul (local.get $wd) (local.get $sp))))))
        (if (local.get $hasBuf)
          (then
            (if (local.get $init)
              (then (local.set $sb (local.get $sd)))
              (else (local.set $sb
                (f32.add (f32.mul (f32.load (i32.add (local.get $b) (local.get $at))) (local.get $mom))
                         (f32.mul (local.get $omd) (local.get $sd))))))
            (f32.store (i32.add (local.get $b) (local.get $at)) (local.get $sb))
            (if (local.get $nesterov)
              (then (local.set $sd (f32.add (local.get $sd) (f32.mul (local.get $mom) (local.get $sb)))))
              (else (local.set $sd (local.get $sb))))))
        (f32.store (i32.add (local.get $o) (local.get $at))
          (f32.add (local.get $sp) (f32.mul (local.get $neg) (local.get $sd))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $snext)))))
