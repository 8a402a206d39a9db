/*
 * proj.c: equirectangular and Web Mercator, and the viewport arithmetic of
 * proj.h. Pure functions of their arguments; no state, no allocation.
 * Known limit: Mercator views are clamped to +-85.0511 degrees; a view
 * higher than that shows blank rows.
 */
#include <math.h>

#include "geo/proj.h"

#define DEG (M_PI / 180.0)

double
proj_y(enum proj_kind p, double lat)
{
	if (p == PROJ_EQUIRECT)
		return lat;
	if (lat > PROJ_MERC_MAX_LAT)
		lat = PROJ_MERC_MAX_LAT;
	if (lat < -PROJ_MERC_MAX_LAT)
		lat = -PROJ_MERC_MAX_LAT;
	return log(tan(M_PI / 4 + lat * DEG / 2)) / DEG;
}

double
proj_lat(enum proj_kind p, double y)
{
	if (p == PROJ_EQUIRECT)
		return y;
	return (2 * atan(exp(y * DEG)) - M_PI / 2) / DEG;
}

static double
wrap180(double lon)
{
	lon = fmod(lon + 180.0, 360.0);
	if (lon < 0)
		lon += 360.0;
	return lon - 180.0;
}

tcop_err
viewport_center(struct viewport *vp, enum proj_kind p, int w, int h,
    double lat, double lon, double span)
{
	double k;

	if (w < 1 || h < 1 || !isfinite(lat) || !isfinite(lon) ||
	    !isfinite(span) || lat < -90 || lat > 90 || span <= 0 || span > 360)
		return TCOP_ERANGE;
	if (p == PROJ_MERCATOR && fabs(lat) > PROJ_MERC_MAX_LAT)
		lat = copysign(PROJ_MERC_MAX_LAT, lat);
	if (lon < -180 || lon > 180)
		lon = wrap180(lon);
	vp->proj = p;
	vp->w = w;
	vp->h = h;
	vp->span = span;
	vp->center_lat = lat;
	vp->center_lon = lon;
	vp->lon_per_cell = span / w;
	vp->lon_left = lon - span / 2;
	/* square ground at the centre: equirectangular's standard parallel */
	k = p == PROJ_EQUIRECT ? cos(lat * DEG) : 1.0;
	if (k < 0.05)
		k = 0.05;
	vp->y_per_cell = vp->lon_per_cell * PROJ_CELL_ASPECT * k;
	vp->y_top = proj_y(p, lat) + vp->y_per_cell * h / 2;
	return TCOP_OK;
}

tcop_err
viewport_bbox(struct viewport *vp, enum proj_kind p, int w, int h,
    double west, double south, double east, double north)
{
	double yt, yb;

	if (w < 1 || h < 1 || !isfinite(west) || !isfinite(east) ||
	    !isfinite(south) || !isfinite(north) || south >= north ||
	    south < -90 || north > 90 || west < -180 || west > 360 ||
	    east < -180 || east > 360)
		return TCOP_ERANGE;
	if (east <= west)
		east += 360;
	if (east - west > 360)
		return TCOP_ERANGE;
	yt = proj_y(p, north);
	yb = proj_y(p, south);
	if (yt <= yb)
		return TCOP_ERANGE;
	vp->proj = p;
	vp->w = w;
	vp->h = h;
	vp->span = east - west;
	vp->lon_left = west;
	vp->lon_per_cell = (east - west) / w;
	vp->y_top = yt;
	vp->y_per_cell = (yt - yb) / h;
	vp->center_lon = wrap180(west + vp->span / 2);
	vp->center_lat = proj_lat(p, (yt + yb) / 2);
	return TCOP_OK;
}

void
viewport_pan(struct viewport *vp, double dx, double dy)
{
	double yc, lat;

	vp->lon_left += dx * vp->lon_per_cell;
	vp->y_top -= dy * vp->y_per_cell;
	if (vp->lon_left < -540 || vp->lon_left > 540)
		vp->lon_left = wrap180(vp->lon_left);
	vp->center_lon = wrap180(vp->lon_left + vp->span / 2);
	yc = vp->y_top - vp->y_per_cell * vp->h / 2;
	lat = proj_lat(vp->proj, yc);
	vp->center_lat = lat > 90 ? 90 : lat < -90 ? -90 : lat;
}

void
viewport_zoom(struct viewport *vp, double factor)
{
	double span;

	if (!(factor > 0) || !isfinite(factor))
		return;
	span = vp->span / factor;
	span = span < 0.01 ? 0.01 : span > 360 ? 360 : span;
	viewport_center(vp, vp->proj, vp->w, vp->h, vp->center_lat,
	    vp->center_lon, span);
}

void
proj_ll_to_cell(const struct viewport *vp, double lat, double lon,
    double *x, double *y)
{
	double mid = vp->lon_left + vp->span / 2;

	/* the copy of lon nearest the centre of the view */
	lon = mid + wrap180(lon - mid);
	*x = (lon - vp->lon_left) / vp->lon_per_cell;
	*y = (vp->y_top - proj_y(vp->proj, lat)) / vp->y_per_cell;
}

void
proj_cell_to_ll(const struct viewport *vp, double x, double y, double *lat,
    double *lon)
{
	double la = proj_lat(vp->proj, vp->y_top - y * vp->y_per_cell);

	*lat = la > 90 ? 90 : la < -90 ? -90 : la;
	*lon = wrap180(vp->lon_left + x * vp->lon_per_cell);
}

double
viewport_nm_per_cell(const struct viewport *vp)
{
	return vp->lon_per_cell * 60.0 * cos(vp->center_lat * DEG);
}

void
viewport_lat_range(const struct viewport *vp, double *south, double *north)
{
	double s = proj_lat(vp->proj, vp->y_top - vp->h * vp->y_per_cell);
	double n = proj_lat(vp->proj, vp->y_top);

	*south = s < -90 ? -90 : s;
	*north = n > 90 ? 90 : n;
}
