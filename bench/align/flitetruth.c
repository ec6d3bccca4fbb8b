/* flitetruth: synthesise sentences with one of libflite's voices and write the WAV plus the synthesiser's own timings.
 *
 * Usage: flitetruth VOICE STRETCH LEADIN_S TAIL_S PEAK_DBFS SNR_DB SEED OUT.wav < SENTENCES > TRUTH.json
 *   SENTENCES: one per line, "PAUSE_AFTER_S<TAB>text"; each is one flite utterance, joined with PAUSE_AFTER_S of silence.
 *   SNR_DB: white Gaussian noise at this SNR (relative to the speech's mean power over its utterances); 0 or less: none.
 *   PEAK_DBFS: the whole file is scaled so that its peak is at this level (after the noise is added).
 * The JSON lists every item of flite's Token relation in order: its written form (prepunctuation + name + punctuation),
 * the whitespace flite saw before it, the words flite spoke for it (its daughters) with their phones, and its start (the
 * end of the segment before its first phone) and end (its last phone's end), in seconds from the start of the file.
 * Pauses (pau segments) therefore never belong to a word. Build: gcc -O2 flitetruth.c -lflite_cmu_us_* -lflite_usenglish
 * -lflite_cmulex -lflite -lm (bench/align/build.sh). */
#include <flite/flite.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cst_voice *register_cmu_us_kal(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);

static cst_voice *voice_named(const char *name)
{
    if (!strcmp(name, "kal")) return register_cmu_us_kal(NULL);
    if (!strcmp(name, "kal16")) return register_cmu_us_kal16(NULL);
    if (!strcmp(name, "slt")) return register_cmu_us_slt(NULL);
    if (!strcmp(name, "rms")) return register_cmu_us_rms(NULL);
    if (!strcmp(name, "awb")) return register_cmu_us_awb(NULL);
    return NULL;
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
        else putchar(*s);
    }
    putchar('"');
}

/* A deterministic generator (xorshift64*) so that noise is the same on every machine for the same seed. */
static uint64_t rng_state;
static double uniform(void)
{
    rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
    return ((rng_state * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}
static double gaussian(void)
{
    double u = uniform(), v = uniform();
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

static double *audio; static long audio_len, audio_cap;
static void append(const short *s, long n)
{
    if (audio_len + n > audio_cap) {
        audio_cap = (audio_len + n) * 2;
        audio = realloc(audio, audio_cap * sizeof(double));
        if (!audio) { fprintf(stderr, "flitetruth: out of memory\n"); exit(1); }
    }
    for (long i = 0; i < n; i++) audio[audio_len + i] = s ? s[i] : 0.0;
    audio_len += n;
}

int main(int argc, char **argv)
{
    if (argc != 9) {
        fprintf(stderr, "usage: flitetruth VOICE STRETCH LEADIN_S TAIL_S PEAK_DBFS SNR_DB SEED OUT.wav < sentences\n");
        return 2;
    }
    flite_init();
    cst_voice *v = voice_named(argv[1]);
    if (!v) { fprintf(stderr, "flitetruth: unknown voice %s (kal, kal16, slt, rms, awb)\n", argv[1]); return 2; }
    double stretch = atof(argv[2]), leadin = atof(argv[3]), tail = atof(argv[4]), peak_db = atof(argv[5]), snr = atof(argv[6]);
    rng_state = strtoull(argv[7], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
    flite_feat_set_float(v->features, "duration_stretch", stretch);

    int rate = 0; double speech_power = 0; long speech_samples = 0; int first = 1;
    char line[8192];
    printf("{\"tokens\":[");
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        double pause_after = atof(line);
        const char *text = tab + 1;
        cst_utterance *u = flite_synth_text(text, v);
        cst_wave *w = utt_wave(u);
        if (!rate) {
            rate = cst_wave_sample_rate(w);
            append(NULL, (long)(leadin * rate + 0.5));
        } else if (rate != cst_wave_sample_rate(w)) {
            fprintf(stderr, "flitetruth: the sample rate changed between utterances\n"); return 1;
        }
        double offset = (double)audio_len / rate;
        for (int i = 0; i < cst_wave_num_samples(w); i++) speech_power += (double)w->samples[i] * w->samples[i];
        speech_samples += cst_wave_num_samples(w);
        append(w->samples, cst_wave_num_samples(w));
        for (cst_item *t = relation_head(utt_relation(u, "Token")); t; t = item_next(t)) {
            char written[1024];
            snprintf(written, sizeof written, "%s%s%s", item_feat_string(t, "prepunctuation"), item_feat_string(t, "name"),
                     item_feat_string(t, "punc"));
            printf(first ? "\n" : ",\n"); first = 0;
            printf("{\"text\":"); json_string(written);
            printf(",\"whitespace\":"); json_string(item_feat_string(t, "whitespace"));
            printf(",\"spoken\":[");
            double start = -1, end = -1; int n = 0;
            for (cst_item *word = item_daughter(t); word; word = item_next(word)) {
                cst_item *syl_word = item_as(word, "SylStructure");
                if (!syl_word) continue;
                printf(n++ ? ",{\"word\":" : "{\"word\":"); json_string(item_feat_string(word, "name"));
                printf(",\"phones\":[");
                int p = 0;
                for (cst_item *syl = item_daughter(syl_word); syl; syl = item_next(syl))
                    for (cst_item *seg = item_daughter(syl); seg; seg = item_next(seg)) {
                        cst_item *s = item_as(seg, "Segment");
                        if (start < 0) start = item_prev(s) ? item_feat_float(item_prev(s), "end") : 0.0;
                        end = item_feat_float(s, "end");
                        if (p++) putchar(',');
                        json_string(item_feat_string(s, "name"));
                    }
                printf("]}");
            }
            printf("],\"start\":%.5f,\"end\":%.5f}", start < 0 ? -1 : offset + start, end < 0 ? -1 : offset + end);
        }
        delete_utterance(u);
        append(NULL, (long)(pause_after * rate + 0.5));
    }
    if (!rate) { fprintf(stderr, "flitetruth: no sentences on stdin (PAUSE<TAB>text per line)\n"); return 2; }
    append(NULL, (long)(tail * rate + 0.5));

    if (snr > 0 && speech_samples > 0) {
        double sigma = sqrt(speech_power / speech_samples / pow(10.0, snr / 10.0));
        for (long i = 0; i < audio_len; i++) audio[i] += sigma * gaussian();
    }
    double peak = 1;
    for (long i = 0; i < audio_len; i++) if (fabs(audio[i]) > peak) peak = fabs(audio[i]);
    double gain = 32767.0 * pow(10.0, peak_db / 20.0) / peak;
    cst_wave *out = new_wave();
    cst_wave_resize(out, audio_len, 1);
    out->sample_rate = rate;
    for (long i = 0; i < audio_len; i++) {
        double s = audio[i] * gain;
        out->samples[i] = (short)lrint(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    }
    if (cst_wave_save_riff(out, argv[8]) != 0) { fprintf(stderr, "flitetruth: cannot write %s\n", argv[8]); return 1; }
    printf("\n],\"sample_rate\":%d,\"duration\":%.5f}\n", rate, (double)audio_len / rate);
    return 0;
}
