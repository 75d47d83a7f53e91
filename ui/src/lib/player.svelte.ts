// The one playback position the profile shares: the Player writes it (from
// the <video>/<audio> element or from native audio events), the transcript
// reads it and asks for seeks.
class PlayerState {
  time = $state(0);
  duration = $state(0);
  playing = $state(false);
  /** Listening preferences, kept from one candidate to the next. */
  volume = $state(1);
  muted = $state(false);
  captions = $state(false);
  seekImpl: ((t: number) => void) | null = null;
  toggleImpl: (() => void) | null = null;
  skipImpl: ((d: number) => void) | null = null;

  seek(t: number) {
    this.seekImpl?.(t);
  }
  toggle() {
    this.toggleImpl?.();
  }
  skip(d: number) {
    this.skipImpl?.(d);
  }
  reset() {
    this.time = 0;
    this.duration = 0;
    this.playing = false;
    this.seekImpl = this.toggleImpl = this.skipImpl = null;
  }
}

export const player = new PlayerState();
