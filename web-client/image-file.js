// A dropped or pasted screenshot as a data: URL small enough for one Realtime event.
// SPDX-License-Identifier: GPL-3.0-or-later

export const MAX_IMAGE_BYTES = 600 * 1024; // keeps one event (base64 data URL) well under 1 MiB

export async function imageDataUrl(file) {
  const okType = /^image\/(png|jpeg|webp|gif)$/.test(file.type);
  if (okType && file.size <= MAX_IMAGE_BYTES) return readAsDataUrl(file);
  // Too big (or an odd type): redraw it smaller. PNG keeps text crisp; JPEG if PNG is still large.
  const bmp = await createImageBitmap(file);
  let scale = Math.min(1, 2000 / Math.max(bmp.width, bmp.height));
  for (let attempt = 0; attempt < 6; attempt++) {
    const c = document.createElement("canvas");
    c.width = Math.max(1, Math.round(bmp.width * scale));
    c.height = Math.max(1, Math.round(bmp.height * scale));
    c.getContext("2d").drawImage(bmp, 0, 0, c.width, c.height);
    for (const [type, q] of [["image/png"], ["image/jpeg", 0.9]]) {
      const blob = await new Promise((res) => c.toBlob(res, type, q));
      if (blob && blob.size <= MAX_IMAGE_BYTES) return readAsDataUrl(blob);
    }
    scale *= 0.75;
  }
  throw new Error("the image is too large to send");
}

export function readAsDataUrl(blob) {
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onload = () => resolve(fr.result);
    fr.onerror = () => reject(fr.error);
    fr.readAsDataURL(blob);
  });
}
