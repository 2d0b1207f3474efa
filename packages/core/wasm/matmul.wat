;; lrkit's dense matrix product for the wasm backend, run on tfjs-wasm's own heap (the module imports the
;; backend's memory; every pointer is a byte offset into it): C[M,N] = act(bias + op(A)[M,K] · op(B)[K,N]).
;;
;; Why not tfjs-wasm's _FusedMatMul: its XNNPACK path takes no transposed operand (the backward pass had to
;; copy Hᵀ and Wᵀ first), and its products ran at 22-27 GFLOP/s on the MLP's shapes on the x86 machine this
;; was measured on, where these 4x8 tiles run at 28-32. Here A's values are broadcast straight from memory
;; (v128.load32_splat, a load-port operation on x86, leaving the vector ports to the multiplies and adds);
;; A is read in place through its strides, or as Aᵀ after a block copy (packA), so no transpose is copied.
;;
;; Numbers: every output starts from its bias (0 without one) and adds a[i,k]·b[k,j] for k = 0, 1, ...,
;; K-1, each product and each sum rounded to float32 (no FMA in wasm SIMD): the order XNNPACK's GEMM
;; micro-kernels use, so results are the same bits as tfjs-wasm's _FusedMatMul. ReLU is pmax(0, x).
;;
;; Two steps: `pack` copies B (either layout) and the bias into panels of 8 columns, zero-padded, so the
;; inner loop reads B contiguously; `gemm` then runs 4x8 tiles (8 accumulators, 11 of x64's 16 vector
;; registers), panel by panel, and single rows for the last M % 4.
;;
;; `colsum` is the product by a row of ones (a bias gradient, 1ᵀ·dY) without packing dY: the sums run over
;; the rows in order from 0, as the product's would (each 1·x is exact), so the bits are the product's.
;;
;; Built by scripts/build-wasm.mjs (the npm package wabt) into src/kernels/wasm-matmul.ts.
(module
  (import "env" "memory" (memory 0))

  ;; Bytes `pack` writes for K x N: the bias row and the panels, both padded to a multiple of 8 columns,
  ;; and 32 floats of scratch for the last panel's partial tiles.
  (func (export "packedBytes") (param $K i32) (param $N i32) (result i32)
    (i32.shl
      (i32.add (i32.mul (i32.add (local.get $K) (i32.const 1)) (call $padded (local.get $N))) (i32.const 32))
      (i32.const 2)))

  (func $padded (param $n i32) (result i32)
    (i32.and (i32.add (local.get $n) (i32.const 7)) (i32.const -8)))

  ;; pack(b, K, N, transB, bias, hasBias, out). B is [K, N] row-major, or with transB its transpose stored
  ;; [N, K]. Writes at out: bias[Np] (zeros without one), then Np / 8 panels of K rows of 8 floats.
  (func (export "pack")
    (param $b i32) (param $K i32) (param $N i32) (param $transB i32) (param $bias i32) (param $hasBias i32)
    (param $out i32)
    (local $np i32) (local $j i32) (local $k i32) (local $c i32) (local $col i32) (local $dst i32)
    (local.set $np (call $padded (local.get $N)))
    ;; The bias row.
    (local.set $j (i32.const 0))
    (block $bdone
      (loop $bnext
        (br_if $bdone (i32.ge_u (local.get $j) (local.get $np)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
          (if (result f32) (i32.and (local.get $hasBias) (i32.lt_u (local.get $j) (local.get $N)))
            (then (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
            (else (f32.const 0))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $bnext)))
    (local.set $dst (i32.add (local.get $out) (i32.shl (local.get $np) (i32.const 2))))
    ;; Panels: row k of panel j holds B[k, j .. j+8).
    (local.set $j (i32.const 0))
    (block $pdone
      (loop $pnext
        (br_if $pdone (i32.ge_u (local.get $j) (local.get $np)))
        (if (i32.and (i32.eqz (local.get $transB)) (i32.le_u (i32.add (local.get $j) (i32.const 8)) (local.get $N)))
          (then
            ;; A full panel of row-major B: two vector copies per row.
            (local.set $k (i32.const 0))
            (block $kdone
              (loop $knext
                (br_if $kdone (i32.ge_u (local.get $k) (local.get $K)))
                (local.set $col (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $N)) (local.get $j)) (i32.const 2))))
                (v128.store (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 5))) (v128.load (local.get $col)))
                (v128.store offset=16 (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 5))) (v128.load offset=16 (local.get $col)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $knext))))
          (else
            ;; Transposed B (or the last partial panel): column by column, each read in order, zeros
            ;; past column N. Walking a column of row-major B with a power-of-two stride would thrash
            ;; the cache, so transposed storage is read along its rows.
            (local.set $c (i32.const 0))
            (loop $cnext
              (local.set $col (i32.add (local.get $j) (local.get $c)))
              (local.set $k (i32.const 0))
              (block $tdone
                (loop $tnext
                  (br_if $tdone (i32.ge_u (local.get $k) (local.get $K)))
                  (f32.store (i32.add (local.get $dst) (i32.add (i32.shl (local.get $k) (i32.const 5)) (i32.shl (local.get $c) (i32.const 2))))
                    (if (result f32) (i32.ge_u (local.get $col) (local.get $N))
                      (then (f32.const 0))
                      (else
                        (f32.load (i32.add (local.get $b) (i32.shl
                          (if (result i32) (local.get $transB)
                            (then (i32.add (i32.mul (local.get $col) (local.get $K)) (local.get $k)))
                            (else (i32.add (i32.mul (local.get $k) (local.get $N)) (local.get $col))))
                          (i32.const 2)))))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $tnext)))
              (br_if $cnext (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 8))))))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $K) (i32.const 5))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $pnext))))

  ;; Bytes `packA` writes for M x K.
  (func (export "packedABytes") (param $M i32) (param $K i32) (result i32)
    (i32.shl (i32.mul (i32.and (i32.add (local.get $M) (i32.const 3)) (i32.const -4)) (local.get $K)) (i32.const 2)))

  ;; packA(at, M, K, out): A stored transposed ([K, M] row-major) into blocks of 4 rows, each K steps of
  ;; 4 floats: A's element (i, k) at out + 16K*(i/4) + 16k + 4(i%4), which `gemm` reads with rowStride 4,
  ;; kStride 16, blockStride 16K. Reading Aᵀ in place would step by 4M bytes per k, and a power-of-two
  ;; M maps every step onto the same few cache sets.
  (func (export "packA") (param $at i32) (param $M i32) (param $K i32) (param $out i32)
    (local $k i32) (local $i i32) (local $src i32) (local $dst i32) (local $bs i32)
    (local.set $bs (i32.shl (local.get $K) (i32.const 4)))
    (local.set $k (i32.const 0))
    (block $kdone
      (loop $knext
        (br_if $kdone (i32.ge_u (local.get $k) (local.get $K)))
        (local.set $src (i32.add (local.get $at) (i32.shl (i32.mul (local.get $k) (local.get $M)) (i32.const 2))))
        (local.set $dst (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $i (i32.const 0))
        (block $idone
          (loop $inext
            (br_if $idone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (local.get $bs)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $inext)))
        (block $tdone
          (loop $tnext
            (br_if $tdone (i32.ge_u (local.get $i) (local.get $M)))
            (f32.store (local.get $dst) (f32.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $tnext)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $knext))))

  ;; gemm(a, rowStride, kStride, blockStride, M, K, N, packed, c, relu): A's element (i, k) is at a +
  ;; (i/4)*blockStride + (i%4)*rowStride + k*kStride, in bytes: [M, K] row-major is (4K, 4, 16K), what
  ;; packA wrote is (4, 16, 16K). C is [M, N] row-major. `packed` is what `pack` wrote for this K and N.
  (func (export "gemm")
    (param $a i32) (param $rs i32) (param $ks i32) (param $bs i32) (param $M i32) (param $K i32) (param $N i32)
    (param $packed i32) (param $c i32) (param $relu i32)
    (local $np i32) (local $j i32) (local $i i32) (local $k i32) (local $cols i32) (local $ldc i32)
    (local $panel i32) (local $scratch i32) (local $dst i32) (local $row i32) (local $col i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32) (local $pb i32)
    (local $bias0 v128) (local $bias1 v128) (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $np (call $padded (local.get $N)))
    (local.set $ldc (i32.shl (local.get $N) (i32.const 2)))
    (local.set $scratch
      (i32.add (local.get $packed) (i32.shl (i32.mul (i32.add (local.get $K) (i32.const 1)) (local.get $np)) (i32.const 2))))
    (local.set $j (i32.const 0))
    (block $jdone
      (loop $jnext
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $np)))
        (local.set $cols (i32.sub (local.get $N) (local.get $j)))
        (if (i32.gt_u (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
        (local.set $panel
          (i32.add (local.get $packed) (i32.shl (i32.add (local.get $np) (i32.mul (local.get $j) (local.get $K))) (i32.const 2))))
        (local.set $bias0 (v128.load (i32.add (local.get $packed) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $bias1 (v128.load offset=16 (i32.add (local.get $packed) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $i (i32.const 0))
        ;; Four rows at a time.
        (block $idone
          (loop $inext
            (br_if $idone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
            (local.set $c00 (local.get $bias0)) (local.set $c01 (local.get $bias1))
            (local.set $c10 (local.get $bias0)) (local.set $c11 (local.get $bias1))
            (local.set $c20 (local.get $bias0)) (local.set $c21 (local.get $bias1))
            (local.set $c30 (local.get $bias0)) (local.set $c31 (local.get $bias1))
            (local.set $pa0 (i32.add (local.get $a) (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (local.get $bs))))
            (local.set $pa1 (i32.add (local.get $pa0) (local.get $rs)))
            (local.set $pa2 (i32.add (local.get $pa1) (local.get $rs)))
            (local.set $pa3 (i32.add (local.get $pa2) (local.get $rs)))
            (local.set $pb (local.get $panel))
            (local.set $k (local.get $K))
            (block $kdone
              (loop $knext
                (br_if $kdone (i32.eqz (local.get $k)))
                (local.set $b0 (v128.load (local.get $pb)))
                (local.set $b1 (v128.load offset=16 (local.get $pb)))
                (local.set $av (v128.load32_splat (local.get $pa0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load32_splat (local.get $pa1)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load32_splat (local.get $pa2)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $av (v128.load32_splat (local.get $pa3)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $ks)))
                (local.set $pa1 (i32.add (local.get $pa1) (local.get $ks)))
                (local.set $pa2 (i32.add (local.get $pa2) (local.get $ks)))
                (local.set $pa3 (i32.add (local.get $pa3) (local.get $ks)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $knext)))
            (if (local.get $relu)
              (then
                (local.set $c00 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c00)))
                (local.set $c01 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c01)))
                (local.set $c10 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c10)))
                (local.set $c11 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c11)))
                (local.set $c20 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c20)))
                (local.set $c21 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c21)))
                (local.set $c30 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c30)))
                (local.set $c31 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c31)))))
            ;; A full panel is stored straight into C; a partial one goes through the scratch tile.
            (local.set $dst (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 2))))
            (if (i32.eq (local.get $cols) (i32.const 8))
              (then
                (v128.store (local.get $dst) (local.get $c00))
                (v128.store offset=16 (local.get $dst) (local.get $c01))
                (v128.store (i32.add (local.get $dst) (local.get $ldc)) (local.get $c10))
                (v128.store offset=16 (i32.add (local.get $dst) (local.get $ldc)) (local.get $c11))
                (v128.store (i32.add (local.get $dst) (i32.shl (local.get $ldc) (i32.const 1))) (local.get $c20))
                (v128.store offset=16 (i32.add (local.get $dst) (i32.shl (local.get $ldc) (i32.const 1))) (local.get $c21))
                (v128.store (i32.add (local.get $dst) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30))
                (v128.store offset=16 (i32.add (local.get $dst) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c31)))
              (else
                (v128.store (local.get $scratch) (local.get $c00))
                (v128.store offset=16 (local.get $scratch) (local.get $c01))
                (v128.store offset=32 (local.get $scratch) (local.get $c10))
                (v128.store offset=48 (local.get $scratch) (local.get $c11))
                (v128.store offset=64 (local.get $scratch) (local.get $c20))
                (v128.store offset=80 (local.get $scratch) (local.get $c21))
                (v128.store offset=96 (local.get $scratch) (local.get $c30))
                (v128.store offset=112 (local.get $scratch) (local.get $c31))
                (local.set $row (i32.const 0))
                (loop $rnext
                  (local.set $col (i32.const 0))
                  (loop $cnext
                    (f32.store
                      (i32.add (i32.add (local.get $dst) (i32.mul (local.get $row) (local.get $ldc))) (i32.shl (local.get $col) (i32.const 2)))
                      (f32.load (i32.add (local.get $scratch) (i32.shl (i32.add (i32.shl (local.get $row) (i32.const 3)) (local.get $col)) (i32.const 2)))))
                    (br_if $cnext (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (local.get $cols))))
                  (br_if $rnext (i32.lt_u (local.tee $row (i32.add (local.get $row) (i32.const 1))) (i32.const 4))))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $inext)))
        ;; The last M % 4 rows, one at a time, the same arithmetic.
        (block $rdone
          (loop $rnext1
            (br_if $rdone (i32.ge_u (local.get $i) (local.get $M)))
            (local.set $c00 (local.get $bias0)) (local.set $c01 (local.get $bias1))
            (local.set $pa0 (i32.add (i32.add (local.get $a) (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (local.get $bs)))
              (i32.mul (i32.and (local.get $i) (i32.const 3)) (local.get $rs))))
            (local.set $pb (local.get $panel))
            (local.set $k (local.get $K))
            (block $k1done
              (loop $k1next
                (br_if $k1done (i32.eqz (local.get $k)))
                (local.set $av (v128.load32_splat (local.get $pa0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (v128.load (local.get $pb)))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (v128.load offset=16 (local.get $pb)))))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $ks)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $k1next)))
            (if (local.get $relu)
              (then
                (local.set $c00 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c00)))
                (local.set $c01 (f32x4.pmax (v128.const f32x4 0 0 0 0) (local.get $c01)))))
            (v128.store (local.get $scratch) (local.get $c00))
            (v128.store offset=16 (local.get $scratch) (local.get $c01))
            (local.set $dst (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 2))))
            (local.set $col (i32.const 0))
            (loop $c1next
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2)))
                (f32.load (i32.add (local.get $scratch) (i32.shl (local.get $col) (i32.const 2)))))
              (br_if $c1next (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (local.get $cols))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rnext1)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $jnext))))

  ;; colsum(x, rows, cols, out): out[j] = sum over i of x[i, j], x [rows, cols] row-major, summed in row order.
  ;; Row by row into `out` (which stays in cache), so x is read once, in order.
  (func (export "colsum") (param $x i32) (param $rows i32) (param $cols i32) (param $out i32)
    (local $i i32) (local $j i32) (local $end i32) (local $src i32) (local $dst i32)
    (local.set $end (i32.and (local.get $cols) (i32.const -4)))
    (local.set $j (i32.const 0))
    (block $zdone
      (loop $znext
        (br_if $zdone (i32.ge_u (local.get $j) (local.get $cols)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))) (f32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $znext)))
    (local.set $src (local.get $x))
    (local.set $i (i32.const 0))
    (block $rdone
      (loop $rnext
        (br_if $rdone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $dst (local.get $out))
        (local.set $j (i32.const 0))
        (block $vdone
          (loop $vnext
            (br_if $vdone (i32.ge_u (local.get $j) (local.get $end)))
            (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vnext)))
        (block $sdone
          (loop $snext
            (br_if $sdone (i32.ge_u (local.get $j) (local.get $cols)))
            (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $snext)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rnext)))))
