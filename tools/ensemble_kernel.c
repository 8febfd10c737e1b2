// Training kernel of lib/ensemble: many 2x2 autoencoders at once, four
// networks per WebAssembly SIMD lane group.
//
// Built into lib/ensemble/kernel.wasm by tools/build_ensemble_kernel.ts
// (clang 14, wasm32, -msimd128); see docs/benchmarks.md.
//
// Layout: a chunk contains `count` networks (a multiple of 4). Every array is
// structure of arrays with the network index innermost: parameter p of
// network n sits at params[p * count + n]. Parameters are numbered as
// lib/network.ts lists them, layer by layer, kernel ([inputs, units],
// row-major) then bias.
//
// Arithmetic is float32, in the order tfjs 4.22.0 uses for the optimizer
// updates, so that a network trained here follows the same path as the
// same network trained alone in tfjs (tfjs-core dist/optimizers/*.js).
// Only summation order inside the gradients and the exp approximation
// below differ from tfjs, both at the float32 rounding level.

#include <wasm_simd128.h>

typedef float v4 __attribute__((vector_size(16)));
typedef int m4 __attribute__((vector_size(16)));

#define IMAGES 4
#define PIXELS 4

// Parameter offsets. The encoder (4 -> 2) comes first in both models; the
// decoder (1 -> 2 -> 4) starts at CA_DECODER or VA_DECODER.
enum {
  ENCODER_KERNEL = 0, // [4, 2]
  ENCODER_BIAS = 8,   // [2]
  CA_BOTTLENECK_KERNEL = 10, // [2, 1]
  CA_BOTTLENECK_BIAS = 12,
  CA_DECODER = 13,
  CA_PARAMETERS = 29,
  VA_MEAN_KERNEL = 10, // [2, 1]
  VA_MEAN_BIAS = 12,
  VA_LOG_VAR_KERNEL = 13, // [2, 1]
  VA_LOG_VAR_BIAS = 15,
  VA_DECODER = 16,
  VA_PARAMETERS = 32,
  // Offsets inside the decoder block.
  HIDDEN_KERNEL = 0, // [1, 2]
  HIDDEN_BIAS = 2,   // [2]
  OUTPUT_KERNEL = 4, // [2, 4]
  OUTPUT_BIAS = 12,  // [4]
  MAX_PARAMETERS = 32,
};

enum { ADAM = 0, SGD = 1, RMSPROP = 2 };
enum { VARIANCE = 0, STD = 1 };

static inline v4 splat(float x) { return (v4){x, x, x, x}; }

static inline v4 load(const float *p) { return (v4)wasm_v128_load(p); }

static inline void store(float *p, v4 x) { wasm_v128_store(p, (v128_t)x); }

// Keeps x where mask is set and 0 elsewhere: relu(x) with mask = x > 0,
// and its gradient dy * step(x), where tfjs takes step(0) = 0.
static inline v4 keep(v4 x, m4 mask) { return (v4)((m4)x & mask); }

static inline m4 positive(v4 x) { return (m4)(x > splat(0.0f)); }

// exp(x) to about 1 ulp in float32: x = n ln2 + r with |r| <= ln2 / 2,
// exp(r) from the Cephes expf polynomial, 2^n built in the exponent bits.
// Adding 1.5 * 2^23 rounds x log2(e) to the integer n, which then sits in
// the low mantissa bits. x is clamped to [-87, 88] so that 2^n stays a
// normal float.
static inline v4 vexp(v4 x) {
  x = (v4)wasm_f32x4_pmin(wasm_f32x4_pmax((v128_t)x, (v128_t)splat(-87.0f)), (v128_t)splat(88.0f));
  v4 shifted = x * splat(1.44269504088896341f) + splat(12582912.0f);
  v4 n = shifted - splat(12582912.0f);
  v4 r = x - n * splat(0.693359375f);
  r = r - n * splat(-2.12194440e-4f);
  v4 p = splat(1.9875691500e-4f);
  p = p * r + splat(1.3981999507e-3f);
  p = p * r + splat(8.3334519073e-3f);
  p = p * r + splat(4.1665795894e-2f);
  p = p * r + splat(1.6666665459e-1f);
  p = p * r + splat(5.0000001201e-1f);
  p = p * (r * r) + r + splat(1.0f);
  m4 two_to_n = ((m4)shifted + 127) << 23;
  return p * (v4)two_to_n;
}

static inline v4 sigmoid(v4 x) { return splat(1.0f) / (splat(1.0f) + vexp(-x)); }

// Encoder forward pass for one image: pre-activations and relu outputs.
static inline void encode(const v4 *w, const float *x, v4 pre[2], v4 h[2]) {
  for (int j = 0; j < 2; j++) {
    v4 sum = splat(x[0]) * w[ENCODER_KERNEL + j];
    for (int i = 1; i < PIXELS; i++) sum += splat(x[i]) * w[ENCODER_KERNEL + 2 * i + j];
    pre[j] = sum + w[ENCODER_BIAS + j];
    h[j] = keep(pre[j], positive(pre[j]));
  }
}

// Encoder backward pass for one image, given dL/dh.
static inline void encode_backward(v4 *g, const float *x, const v4 pre[2], const v4 dh[2]) {
  for (int j = 0; j < 2; j++) {
    v4 dpre = keep(dh[j], positive(pre[j]));
    for (int i = 0; i < PIXELS; i++) g[ENCODER_KERNEL + 2 * i + j] += splat(x[i]) * dpre;
    g[ENCODER_BIAS + j] += dpre;
  }
}

// Decoder forward and backward pass for one image with bottleneck value z.
// Adds the squared errors to *squared_error, the decoder gradients to g
// (dL/dy = error_scale * (y - x)), and returns dL/dz.
static inline v4 decode_step(const v4 *w, v4 *g, v4 z, const float *x, v4 error_scale,
                             v4 *squared_error) {
  v4 pre[2], h[2], dh[2];
  for (int j = 0; j < 2; j++) {
    pre[j] = z * w[HIDDEN_KERNEL + j] + w[HIDDEN_BIAS + j];
    h[j] = keep(pre[j], positive(pre[j]));
    dh[j] = splat(0.0f);
  }
  for (int p = 0; p < PIXELS; p++) {
    v4 logit = h[0] * w[OUTPUT_KERNEL + p] + h[1] * w[OUTPUT_KERNEL + PIXELS + p] + w[OUTPUT_BIAS + p];
    v4 y = sigmoid(logit);
    v4 error = y - splat(x[p]);
    *squared_error += error * error;
    v4 dlogit = error_scale * error * (y * (splat(1.0f) - y));
    g[OUTPUT_KERNEL + p] += h[0] * dlogit;
    g[OUTPUT_KERNEL + PIXELS + p] += h[1] * dlogit;
    g[OUTPUT_BIAS + p] += dlogit;
    dh[0] += w[OUTPUT_KERNEL + p] * dlogit;
    dh[1] += w[OUTPUT_KERNEL + PIXELS + p] * dlogit;
  }
  v4 dz = splat(0.0f);
  for (int j = 0; j < 2; j++) {
    v4 dpre = keep(dh[j], positive(pre[j]));
    g[HIDDEN_KERNEL + j] += z * dpre;
    g[HIDDEN_BIAS + j] += dpre;
    dz += w[HIDDEN_KERNEL + j] * dpre;
  }
  return dz;
}

// Optimizer constants for one step, as the float32 scalars that tfjs uses.
typedef struct {
  float learning_rate;
  float beta1, one_minus_beta1, beta2, one_minus_beta2; // Adam, and RMSProp with rho in beta2
  float bias1, bias2; // Adam: 1 - beta1^t, 1 - beta2^t of this step
  float epsilon;
} Step;

// One optimizer update of `count` parameters, in tfjs 4.22.0's operation
// order (AdamOptimizer, SGDOptimizer, RMSPropOptimizer with momentum 0).
static inline void update(int optimizer, int count, v4 *w, v4 *m, v4 *v, const v4 *g, const Step *s) {
  for (int i = 0; i < count; i++) {
    if (optimizer == ADAM) {
      m[i] = m[i] * splat(s->beta1) + g[i] * splat(s->one_minus_beta1);
      v[i] = v[i] * splat(s->beta2) + (g[i] * g[i]) * splat(s->one_minus_beta2);
      v4 m_hat = m[i] / splat(s->bias1);
      v4 v_hat = v[i] / splat(s->bias2);
      v4 denominator = (v4)wasm_f32x4_sqrt((v128_t)v_hat) + splat(s->epsilon);
      w[i] = (m_hat / denominator) * splat(-s->learning_rate) + w[i];
    } else if (optimizer == SGD) {
      w[i] = splat(-s->learning_rate) * g[i] + w[i];
    } else {
      v[i] = v[i] * splat(s->beta2) + (g[i] * g[i]) * splat(s->one_minus_beta2);
      v4 step = (g[i] * splat(s->learning_rate)) / (v4)wasm_f32x4_sqrt((v128_t)(v[i] + splat(s->epsilon)));
      w[i] = w[i] - step;
    }
  }
}

// Advances the Adam bias-correction accumulators as tfjs does: it keeps
// beta^t in a float32 variable and multiplies it by beta after each step.
static inline void advance(Step *s, float *beta1_power, float *beta2_power) {
  *beta1_power = *beta1_power * s->beta1;
  *beta2_power = *beta2_power * s->beta2;
  s->bias1 = 1.0f - *beta1_power;
  s->bias2 = 1.0f - *beta2_power;
}

// Where a chunk's inputs and outputs live in memory; all arrays are
// [rows][count] with the network index innermost.
typedef struct {
  int kind;       // 0 = CA, 1 = VA
  int optimizer;  // ADAM, SGD or RMSPROP
  int convention; // VA: VARIANCE (s = exp(b / 2)) or STD (s = exp(b))
  int count;      // networks in the chunk, a multiple of 4
  int steps;
  float learning_rate;
  float reconstruction_scale; // VA: 1 ("mean") or 4 ("sum")
  const float *images;        // [4][4], pixels in [0, 1]
  float *params;              // [P][count], initial weights in, final weights out
  const float *noise;         // VA: [steps][4][count], eps per step and image
  const int *checkpoints;     // [checkpoint_count] steps, increasing
  int checkpoint_count;
  float *checkpoint_losses; // [checkpoint_count][count]
  float *final_losses;      // [count], loss of the last step
  float *bottleneck;        // [2][4][count]: CA z and 0, VA mean a and log variance b
} Job;

static Step first_step(const Job *job) {
  Step s;
  s.learning_rate = job->learning_rate;
  s.beta1 = 0.9f;
  s.one_minus_beta1 = (float)(1.0 - 0.9);
  s.beta2 = job->optimizer == RMSPROP ? 0.9f : 0.999f;
  s.one_minus_beta2 = job->optimizer == RMSPROP ? (float)(1.0 - 0.9) : (float)(1.0 - 0.999);
  s.bias1 = 1.0f - 0.9f;
  s.bias2 = 1.0f - 0.999f;
  s.epsilon = 1e-7f;
  return s;
}

// Loss of one step: records it if the step is a checkpoint or the last one.
static inline void record_loss(const Job *job, int t, int *next_checkpoint, int n, v4 loss) {
  if (*next_checkpoint < job->checkpoint_count && job->checkpoints[*next_checkpoint] == t) {
    store(job->checkpoint_losses + *next_checkpoint * job->count + n, loss);
    *next_checkpoint += 1;
  }
  if (t == job->steps - 1) store(job->final_losses + n, loss);
}

// Trains networks n .. n + 3 of a CA chunk with a fixed optimizer.
static inline void train_ca_group(const Job *job, int n, const int optimizer) {
  v4 w[CA_PARAMETERS], m[CA_PARAMETERS], v[CA_PARAMETERS], g[CA_PARAMETERS];
  for (int i = 0; i < CA_PARAMETERS; i++) {
    w[i] = load(job->params + i * job->count + n);
    m[i] = v[i] = splat(0.0f);
  }
  // Loss = mean over 16 pixels of (y - x)^2, so dL/dy = (2 / 16) (y - x).
  const v4 error_scale = splat(2.0f / (IMAGES * PIXELS));
  Step s = first_step(job);
  float beta1_power = s.beta1, beta2_power = s.beta2;
  int next_checkpoint = 0;

  for (int t = 0; t < job->steps; t++) {
    v4 squared_error = splat(0.0f);
    for (int i = 0; i < CA_PARAMETERS; i++) g[i] = splat(0.0f);

    for (int k = 0; k < IMAGES; k++) {
      const float *x = job->images + k * PIXELS;
      v4 pre[2], h[2];
      encode(w, x, pre, h);
      v4 z = h[0] * w[CA_BOTTLENECK_KERNEL] + h[1] * w[CA_BOTTLENECK_KERNEL + 1] + w[CA_BOTTLENECK_BIAS];

      v4 dz = decode_step(w + CA_DECODER, g + CA_DECODER, z, x, error_scale, &squared_error);

      g[CA_BOTTLENECK_KERNEL] += h[0] * dz;
      g[CA_BOTTLENECK_KERNEL + 1] += h[1] * dz;
      g[CA_BOTTLENECK_BIAS] += dz;
      v4 dh[2] = {w[CA_BOTTLENECK_KERNEL] * dz, w[CA_BOTTLENECK_KERNEL + 1] * dz};
      encode_backward(g, x, pre, dh);
    }

    record_loss(job, t, &next_checkpoint, n, squared_error / splat((float)(IMAGES * PIXELS)));
    update(optimizer, CA_PARAMETERS, w, m, v, g, &s);
    advance(&s, &beta1_power, &beta2_power);
  }

  for (int i = 0; i < CA_PARAMETERS; i++) store(job->params + i * job->count + n, w[i]);
  for (int k = 0; k < IMAGES; k++) {
    v4 pre[2], h[2];
    encode(w, job->images + k * PIXELS, pre, h);
    v4 z = h[0] * w[CA_BOTTLENECK_KERNEL] + h[1] * w[CA_BOTTLENECK_KERNEL + 1] + w[CA_BOTTLENECK_BIAS];
    store(job->bottleneck + k * job->count + n, z);
    store(job->bottleneck + (IMAGES + k) * job->count + n, splat(0.0f));
  }
}

// Mean a and log variance b of the VA's bottleneck for one image.
static inline void va_moments(const v4 *w, const v4 h[2], v4 *a, v4 *b) {
  *a = h[0] * w[VA_MEAN_KERNEL] + h[1] * w[VA_MEAN_KERNEL + 1] + w[VA_MEAN_BIAS];
  *b = h[0] * w[VA_LOG_VAR_KERNEL] + h[1] * w[VA_LOG_VAR_KERNEL + 1] + w[VA_LOG_VAR_BIAS];
}

// Trains networks n .. n + 3 of a VA chunk with a fixed optimizer and
// convention. Loss = scale * mean (y - x)^2 - 0.5 * mean over images of
// (1 + b - a^2 - exp(b)), with z = a + s * eps.
static inline void train_va_group(const Job *job, int n, const int optimizer, const int convention) {
  v4 w[VA_PARAMETERS], m[VA_PARAMETERS], v[VA_PARAMETERS], g[VA_PARAMETERS];
  for (int i = 0; i < VA_PARAMETERS; i++) {
    w[i] = load(job->params + i * job->count + n);
    m[i] = v[i] = splat(0.0f);
  }
  const float scale = job->reconstruction_scale;
  const v4 error_scale = splat(scale * 2.0f / (IMAGES * PIXELS));
  Step s = first_step(job);
  float beta1_power = s.beta1, beta2_power = s.beta2;
  int next_checkpoint = 0;

  for (int t = 0; t < job->steps; t++) {
    v4 squared_error = splat(0.0f), kl_sum = splat(0.0f);
    for (int i = 0; i < VA_PARAMETERS; i++) g[i] = splat(0.0f);

    for (int k = 0; k < IMAGES; k++) {
      const float *x = job->images + k * PIXELS;
      v4 pre[2], h[2], a, b;
      encode(w, x, pre, h);
      va_moments(w, h, &a, &b);
      v4 eps = load(job->noise + (t * IMAGES + k) * job->count + n);
      v4 exp_b = vexp(b);
      v4 sd = convention == VARIANCE ? vexp(b * splat(0.5f)) : exp_b;
      v4 z = a + sd * eps;
      kl_sum += splat(1.0f) + b - a * a - exp_b;

      v4 dz = decode_step(w + VA_DECODER, g + VA_DECODER, z, x, error_scale, &squared_error);

      // KL term: d/da = a / 4 and d/db = (exp(b) - 1) / 8 for 4 images.
      v4 da = dz + a * splat(1.0f / IMAGES);
      v4 dsd_db = convention == VARIANCE ? sd * splat(0.5f) : sd;
      v4 db = dz * eps * dsd_db + (exp_b - splat(1.0f)) * splat(0.5f / IMAGES);
      g[VA_MEAN_KERNEL] += h[0] * da;
      g[VA_MEAN_KERNEL + 1] += h[1] * da;
      g[VA_MEAN_BIAS] += da;
      g[VA_LOG_VAR_KERNEL] += h[0] * db;
      g[VA_LOG_VAR_KERNEL + 1] += h[1] * db;
      g[VA_LOG_VAR_BIAS] += db;
      v4 dh[2] = {w[VA_MEAN_KERNEL] * da + w[VA_LOG_VAR_KERNEL] * db,
                  w[VA_MEAN_KERNEL + 1] * da + w[VA_LOG_VAR_KERNEL + 1] * db};
      encode_backward(g, x, pre, dh);
    }

    v4 loss = splat(scale) * (squared_error / splat((float)(IMAGES * PIXELS))) -
              splat(0.5f) * (kl_sum / splat((float)IMAGES));
    record_loss(job, t, &next_checkpoint, n, loss);
    update(optimizer, VA_PARAMETERS, w, m, v, g, &s);
    advance(&s, &beta1_power, &beta2_power);
  }

  for (int i = 0; i < VA_PARAMETERS; i++) store(job->params + i * job->count + n, w[i]);
  for (int k = 0; k < IMAGES; k++) {
    v4 pre[2], h[2], a, b;
    encode(w, job->images + k * PIXELS, pre, h);
    va_moments(w, h, &a, &b);
    store(job->bottleneck + k * job->count + n, a);
    store(job->bottleneck + (IMAGES + k) * job->count + n, b);
  }
}

// The constant arguments let clang compile one specialized loop per case.
static void train_group(const Job *job, int n) {
  if (job->kind == 0) {
    if (job->optimizer == ADAM) train_ca_group(job, n, ADAM);
    else if (job->optimizer == SGD) train_ca_group(job, n, SGD);
    else train_ca_group(job, n, RMSPROP);
  } else if (job->convention == VARIANCE) {
    if (job->optimizer == ADAM) train_va_group(job, n, ADAM, VARIANCE);
    else if (job->optimizer == SGD) train_va_group(job, n, SGD, VARIANCE);
    else train_va_group(job, n, RMSPROP, VARIANCE);
  } else {
    if (job->optimizer == ADAM) train_va_group(job, n, ADAM, STD);
    else if (job->optimizer == SGD) train_va_group(job, n, SGD, STD);
    else train_va_group(job, n, RMSPROP, STD);
  }
}

extern unsigned char __heap_base;

// First free byte of linear memory; the caller lays out its arrays from here.
__attribute__((export_name("heap_base"))) int heap_base(void) { return (int)&__heap_base; }

// Trains all networks of a chunk; `job` points to a Job in linear memory.
__attribute__((export_name("train"))) void train(const Job *job) {
  for (int n = 0; n < job->count; n += 4) train_group(job, n);
}

// Applies the kernel's exp to `count` floats in place (count a multiple of
// 4), so that tests can measure its accuracy.
__attribute__((export_name("exp_in_place"))) void exp_in_place(float *values, int count) {
  for (int i = 0; i < count; i += 4) store(values + i, vexp(load(values + i)));
}
